using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The Notifications settings page against a real SQLite file: on by default, and what an unsubscribe link changed.</summary>
public sealed class NotificationsSettingsPageTests() : SignedInPageTest("robin@example.org")
{

    protected override void AddServices()
    {
        Services.AddSingleton(App.Services.GetRequiredService<NotificationSettings>());
        Services.AddSingleton(App.Services.GetRequiredService<HelpAsk.Web.Features.Account.AccountLocale>());
    }

    [Fact]
    public async Task Answers_are_on_by_default_and_the_page_shows_a_kind_turned_off_by_its_email_link()
    {
        var before = Render<NotificationsSettingsPage>();
        before.WaitForAssertion(() => Assert.True(Switch(before).HasAttribute("checked")));

        using var mailProgram = App.CreateClient();
        var link = new Uri(App.Services.GetRequiredService<UnsubscribeLinks>().For(AccountId, NotificationKind.Answers));
        await mailProgram.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }),
            Xunit.TestContext.Current.CancellationToken);

        var after = Render<NotificationsSettingsPage>();
        after.WaitForAssertion(() => Assert.False(Switch(after).HasAttribute("checked")));

        // And back on from the page.
        await after.InvokeAsync(() => Switch(after).Change(true));
        after.WaitForAssertion(() => Assert.True(Switch(after).HasAttribute("checked")));
        // The switch shows the choice before its save lands (at once on SQLite, a moment later on PostgreSQL).
        await Eventually.ReadAsync(() => App.Services.GetRequiredService<NotificationSettings>().GetAsync(AccountId, Xunit.TestContext.Current.CancellationToken),
            settings => settings[NotificationKind.Answers], "the answers notification stored as on");
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<NotificationsSettingsPage> page) =>
        page.Find($"input#notify-{NotificationKind.Answers}");
}
