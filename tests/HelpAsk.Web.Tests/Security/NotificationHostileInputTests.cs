using System.Net;
using HelpAsk.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Security;

/// <summary>
/// Hostile input on the notification settings (time zone, culture, kinds) and the unsubscribe link and its undo: each is
/// refused with a clear message or the right status, and changes nothing else.
/// </summary>
public sealed class NotificationHostileInputTests : Integration.TwoAccountsTest
{
    private const string Markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    private const string Attacker = "attacker.example";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private NotificationSettings Settings => App.Services.GetRequiredService<NotificationSettings>();

    private UnsubscribeLinks Links => App.Services.GetRequiredService<UnsubscribeLinks>();

    public static TheoryData<string, string> HostileLocales => new()
    {
        { "Europe/Berlin\0", "de-DE" },
        { "Europe/Berlin", "de-DE\0" },
        { new string('A', 10 * 1024 * 1024), "de-DE" },
        { "Europe/Berlin", new string('x', 10_000) },
        { Markup, "de-DE" },
        { "Europe/Berlin", Markup },
        { "Europe/Berlin\r\nX-Injected: 1", "de-DE" },
    };

    [Theory]
    [MemberData(nameof(HostileLocales))]
    public async Task A_zone_or_culture_with_a_NUL_an_overlong_value_or_markup_is_refused_with_a_short_clear_message_and_changes_nothing(string zone, string culture)
    {
        var locale = App.Services.GetRequiredService<Features.Account.AccountLocale>();
        Assert.IsType<Features.Account.LocaleChange.Saved>(await locale.SetAsync(Alice, "Asia/Tokyo", "ja-JP", Cancel));

        var refused = Assert.IsType<Features.Account.LocaleChange.Invalid>(await locale.SetAsync(Alice, zone, culture, Cancel));

        Assert.Matches("is not a (time zone|language and region) this server knows. Choose one from the list", refused.Problem);
        Assert.True(refused.Problem.Length < 200, refused.Problem.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(refused.Problem, char.IsControl);
        var kept = await locale.GetAsync(Alice, Cancel);
        Assert.Equal(("Asia/Tokyo", "ja-JP"), (kept.Zone.Id, kept.Culture.Name));
        Assert.Equal("en-GB", (await locale.GetAsync(Bob, Cancel)).Culture.Name);
    }

    [Fact]
    public async Task A_kind_of_notification_that_does_not_exist_is_refused_and_nothing_is_stored()
    {
        var forged = (NotificationKind)42;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Settings.SetAsync(Alice, forged, on: false, Cancel));
        var turned = await Settings.TurnOffAsync(Alice, [forged, (NotificationKind)(-1)], Cancel);

        Assert.Empty(turned.Kinds);
        Assert.All((await Settings.GetAsync(Alice, Cancel)).Values, Assert.True);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<Data.HelpAskDbContext>>().CreateDbContextAsync(Cancel);
        Assert.Equal(0, await db.NotificationOptOuts.IgnoreQueryFilters([Data.HelpAskDbContext.Ownership]).CountAsync(Cancel));
    }

    [Fact]
    public async Task A_NUL_in_the_link_or_in_its_undo_is_refused_and_changes_nothing()
    {
        // A NUL in the path never reaches the app (the server refuses such a path); the token reader refuses one too.
        Assert.Null(await Links.ReadAsync("CfDJ8\0abc", Cancel));
        Assert.Null(Links.ReadUndo("CfDJ8\0abc", Alice));
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = PathOf(Links.For(Alice, NotificationKind.Answers));

        var shown = await client.GetStringAsync($"{link}?undo=%00&undone=abc%00def", Cancel);

        Assert.Contains("Turn off these emails?", shown, StringComparison.Ordinal);
        Assert.All((await Settings.GetAsync(Alice, Cancel)).Values, Assert.True);
    }

    [Theory]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("CfDJ8%0D%0ALocation:%20https:%2F%2Fattacker.example%2F")]
    [InlineData("overlong")]
    public async Task A_NUL_markup_header_breaking_or_overlong_token_is_not_valid_and_changes_nothing(string token)
    {
        if (token == "overlong")
        {
            // Longer than any real token, but within what a server accepts in a path.
            token = new string('A', 6000);
        }

        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var page = $"/{UnsubscribeLinks.Route}/{token}";
        var bobsUndo = await UndoTokenAsync(Bob, NotificationKind.Answers);

        foreach (var post in new[] { page, $"{page}/undo/{bobsUndo}" })
        {
            var posted = await client.PostAsync(post, OneClick(), Cancel);
            Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{post}: {posted.StatusCode}");
        }

        var shown = await client.GetAsync(page, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Attacker, html, StringComparison.Ordinal);
        Assert.All((await Settings.GetAsync(Alice, Cancel)).Values, Assert.True);
        Assert.False((await Settings.GetAsync(Bob, Cancel))[NotificationKind.Answers]);
    }

    [Fact]
    public async Task A_ten_megabyte_body_is_refused_unread_and_changes_nothing()
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = PathOf(Links.For(Alice, NotificationKind.Answers));
        using var huge = new ByteArrayContent(new byte[10 * 1024 * 1024]);
        huge.Headers.ContentType = new("application/x-www-form-urlencoded");

        var refused = await client.PostAsync(link, huge, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("too large", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.True((await Settings.GetAsync(Alice, Cancel))[NotificationKind.Answers]);
    }

    [Fact]
    public async Task A_forged_host_or_forwarded_host_never_reaches_the_unsubscribe_redirects_or_pages()
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Host = Attacker;
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", Attacker);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        var link = PathOf(Links.ForEveryKind(Alice));

        var turnedOff = await client.PostAsync(link, OneClick(), Cancel);
        var done = turnedOff.Headers.Location!.OriginalString;
        var page = await client.GetStringAsync(done, Cancel);
        var undo = await client.PostAsync(UndoActionIn(page), new FormUrlEncodedContent([]), Cancel);
        var back = await client.GetStringAsync(undo.Headers.Location!.OriginalString, Cancel);

        Assert.StartsWith($"/{UnsubscribeLinks.Route}/", done, StringComparison.Ordinal);
        Assert.StartsWith($"/{UnsubscribeLinks.Route}/", undo.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(Attacker, page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Attacker, back, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("These emails are back on", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_unsubscribe_turns_nothing_more_off_and_offers_no_second_undo()
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = PathOf(Links.For(Alice, NotificationKind.NoAnswer));

        var first = await client.PostAsync(link, OneClick(), Cancel);
        var replayed = await client.PostAsync(link, OneClick(), Cancel);

        Assert.Contains("?undo=", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(link, replayed.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(replayed.Headers.Location!.OriginalString, Cancel);
        Assert.Contains("Nothing more to turn off", page, StringComparison.Ordinal);
        Assert.DoesNotContain("undo-unsubscribe", page, StringComparison.Ordinal);
        Assert.Equal([NotificationKind.NoAnswer], (await Settings.GetAsync(Alice, Cancel)).Where(k => !k.Value).Select(k => k.Key));
    }

    [Fact]
    public async Task An_undo_works_once_and_a_replayed_or_altered_undo_changes_nothing()
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var link = PathOf(Links.For(Alice, NotificationKind.Answers));
        var page = await client.GetStringAsync((await client.PostAsync(link, OneClick(), Cancel)).Headers.Location!.OriginalString, Cancel);
        var undo = UndoActionIn(page);
        var undoToken = undo[(undo.LastIndexOf('/') + 1)..];
        var altered = undo[..(undo.LastIndexOf('/') + 1)] + undoToken[..20] + (undoToken[20] == 'A' ? 'B' : 'A') + undoToken[21..];

        await client.PostAsync(altered, OneClick(), Cancel);
        Assert.False((await Settings.GetAsync(Alice, Cancel))[NotificationKind.Answers]);

        await client.PostAsync(undo, OneClick(), Cancel);
        Assert.True((await Settings.GetAsync(Alice, Cancel))[NotificationKind.Answers]);

        // Turned off again in settings: the old undo, replayed, must not turn it back on.
        await Settings.SetAsync(Alice, NotificationKind.Answers, on: false, Cancel);
        var replayed = await client.PostAsync(undo, OneClick(), Cancel);
        Assert.False((await Settings.GetAsync(Alice, Cancel))[NotificationKind.Answers]);
        Assert.DoesNotContain("undone=", replayed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_accounts_undo_token_does_nothing_with_this_accounts_link()
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var bobsUndo = await UndoTokenAsync(Bob, NotificationKind.Answers);
        await Settings.SetAsync(Alice, NotificationKind.Answers, on: false, Cancel);
        var alicesLink = PathOf(Links.For(Alice, NotificationKind.Answers));

        var posted = await client.PostAsync($"{alicesLink}/undo/{bobsUndo}", OneClick(), Cancel);
        var shown = await client.GetStringAsync($"{alicesLink}?undo={bobsUndo}", Cancel);

        Assert.Equal(alicesLink, posted.Headers.Location!.OriginalString);
        Assert.False((await Settings.GetAsync(Alice, Cancel))[NotificationKind.Answers]);
        Assert.False((await Settings.GetAsync(Bob, Cancel))[NotificationKind.Answers]);
        Assert.DoesNotContain("Turned off just now", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("undo-unsubscribe", shown, StringComparison.Ordinal);
    }

    /// <summary>An undo token as the account's own click on its link makes it (that account's kind is then off).</summary>
    private async Task<string> UndoTokenAsync(string accountId, NotificationKind kind)
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var done = (await client.PostAsync(PathOf(Links.For(accountId, kind)), OneClick(), Cancel)).Headers.Location!.OriginalString;
        return Uri.UnescapeDataString(done[(done.IndexOf("?undo=", StringComparison.Ordinal) + "?undo=".Length)..]);
    }

    private static string UndoActionIn(string page)
    {
        var action = System.Text.RegularExpressions.Regex.Match(page, "<form method=\"post\" action=\"(?<action>[^\"]+/undo/[^\"]+)\"");
        Assert.True(action.Success, page);
        return "/" + WebUtility.HtmlDecode(action.Groups["action"].Value);
    }

    private static string PathOf(string link) => new Uri(link).AbsolutePath;

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
}
