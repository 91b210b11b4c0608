namespace HelpAsk.EndToEnd.Tests;

public static class PageExtensions
{
    /// <summary>The heading of each composer step, in order, the review last.</summary>
    public static readonly string[] ComposerStepHeadings = ["Make them aware of the situation", "Say clearly that you need help", "Ask one specific person", "Say exactly what you need", "Stay open to any form of help", "Review the whole message"];

    /// <summary>
    /// Goes to an interactive page and waits until its SignalR circuit is live, so that a click
    /// is handled rather than lost on the prerendered HTML.
    /// </summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("html[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Starts a new request and waits for its composer to be interactive.</summary>
    public static async Task StartNewRequestAsync(this IPage page)
    {
        await page.GotoInteractiveAsync("requests/new");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/requests/[0-9a-f-]{36}/compose$"));
        await page.WaitForInteractiveAsync();
    }

    public static Task NextStepAsync(this IPage page) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next", Exact = true }).ClickAsync();

    /// <summary>Composer steps 3 to 5: adds the helper inline and chooses them, says what is needed and makes "no" easy; ends on the review.</summary>
    public static async Task FillHelperSpecificsAndOpennessAsync(this IPage page, string helperName, string helperEmail)
    {
        await page.GetByLabel("Name").FillAsync(helperName);
        await page.GetByLabel("Email (optional)").FillAsync(helperEmail);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add and choose" }).ClickAsync();
        await Assertions.Expect(page.GetByText(helperName).First).ToBeVisibleAsync();
        await page.NextStepAsync();
        await page.GetByLabel("What exactly you need").FillAsync("Would you help me carry the boxes up to the second floor on Saturday morning?");
        await page.GetByLabel("Honest effort estimate").FillAsync("about two hours");
        await page.NextStepAsync();
        await page.GetByLabel("Make \"no\" easy").FillAsync("If Saturday doesn't work, no problem at all - tell me and I'll find another way.");
        await page.NextStepAsync();
    }

    /// <summary>Types into a composer field and waits until the draft holding it has been autosaved.</summary>
    public static async Task FillAndWaitForSaveAsync(this IPage page, ILocator field, string text)
    {
        var indicator = page.Locator(".save-indicator");
        var before = await indicator.GetAttributeAsync("data-saved-at") ?? "";
        await field.FillAsync(text);
        await Assertions.Expect(indicator).Not.ToHaveAttributeAsync("data-saved-at", before);
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "saved");
    }

    /// <summary>
    /// Whether a click at the centre of <paramref name="target"/>, scrolled into view as a click would scroll it,
    /// reaches it (rather than something drawn over it, such as a notice).
    /// </summary>
    public static async Task<bool> IsClickableAsync(this ILocator target)
    {
        await target.ScrollIntoViewIfNeededAsync();
        return await target.EvaluateAsync<bool>(
            "e => { const r = e.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return hit !== null && e.contains(hit); }");
    }

    /// <summary>Sends a ready request by email from its send page and returns the answer link, read from the email in the outbox.</summary>
    public static async Task<string> SendByEmailAsync(this IPage page, Guid requestId)
    {
        await page.GotoInteractiveAsync($"requests/{requestId}/send");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send email" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/requests/{requestId}$"));
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "See the email" }).ClickAsync();
        return await page.Locator("#email-text a").GetAttributeAsync("href") ?? throw new InvalidOperationException("The email has no answer link");
    }

    public static async Task RegisterAsync(this IPage page, string email, string password, string name = "Priya Shah")
    {
        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Register" }).ClickAsync();
    }

    public static async Task LogInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in", Exact = true }).ClickAsync();
    }

    public static async Task LogOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log out" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Log in" }).First.WaitForAsync();
    }
}
