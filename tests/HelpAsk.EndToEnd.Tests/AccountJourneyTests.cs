using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    private const string Password = "a long enough passphrase";

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Register_see_the_empty_dashboard_log_out_and_log_back_in()
    {
        var page = await browser.NewPageAsync();
        var email = NewEmail();

        await page.RegisterAsync(email, Password);

        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Dashboard" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Welcome to HelpAsk")).ToBeVisibleAsync();
        await Expect(page.GetByText("Ask one person")).ToBeVisibleAsync();

        await page.LogOutAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Ask for help, and get it." })).ToBeVisibleAsync();

        await page.LogInAsync(email, Password);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Dashboard" })).ToBeVisibleAsync();
        await page.LogOutAsync();
    }

    [Fact]
    public async Task The_name_given_at_registration_is_editable_in_the_profile_and_an_account_without_one_is_asked_for_it()
    {
        var page = await browser.NewPageAsync();
        await page.RegisterAsync(NewEmail(), Password, "Priya Shah");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Dashboard" })).ToBeVisibleAsync();
        await Expect(page.Locator("#add-your-name")).ToHaveCountAsync(0);

        await page.GotoAsync("Account/Manage");
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Priya Shah");
        await page.GetByLabel("Your name").FillAsync("priya@example.org");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Enter a name rather than an email address.").First).ToBeVisibleAsync();
        await page.GetByLabel("Your name").FillAsync("  Priya   S ");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Your profile has been updated")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Priya S");
        await page.LogOutAsync();

        var unnamed = NewEmail();
        await browser.App.CreateAccountAsync(unnamed, Password);
        await page.LogInAsync(unnamed, Password);
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("#add-your-name")).ToContainTextAsync("until then they see your email address");
        await page.LogOutAsync();
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var email = NewEmail();
        await browser.App.CreateAccountAsync(email, Password);
        var page = await browser.NewPageAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.LogInAsync(email, "not the password");
            await Expect(page.GetByText("That email and password do not match an account.")).ToBeVisibleAsync();
        }

        await page.LogInAsync(email, "not the password");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Account locked for a while" })).ToBeVisibleAsync();

        // Even the right password is refused while the lock lasts.
        await page.LogInAsync(email, Password);
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Account locked for a while" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Change_password_then_log_in_with_the_new_one_only()
    {
        var email = NewEmail();
        const string newPassword = "an even longer passphrase";
        await browser.App.CreateAccountAsync(email, Password);
        var page = await browser.NewPageAsync();
        await page.LogInAsync(email, Password);
        await page.WaitForInteractiveAsync();

        await page.GotoAsync("Account/Manage/ChangePassword");
        await page.GetByLabel("Old password").FillAsync(Password);
        await page.GetByLabel("New password").FillAsync(newPassword);
        await page.GetByLabel("Confirm password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Update password" }).ClickAsync();
        await Expect(page.GetByText("Your password has been changed")).ToBeVisibleAsync();

        await page.GotoInteractiveAsync("");
        await page.LogOutAsync();
        await page.LogInAsync(email, Password);
        await Expect(page.GetByText("That email and password do not match an account.")).ToBeVisibleAsync();
        await page.LogInAsync(email, newPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Account_pages_ask_a_visitor_to_log_in_first()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("Account/Manage");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Log in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_short_password_is_refused_with_a_clear_message()
    {
        var page = await browser.NewPageAsync();

        await page.RegisterAsync(NewEmail(), "short");

        await Expect(page.GetByText("must be at least 8").First).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/Register"));
    }
}
