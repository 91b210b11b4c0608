using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>The whole composer journey with the keyboard alone: Tab, typing and Enter.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the focused element matches, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string whatIsFocused, string description)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await page.EvaluateAsync<bool>($"(() => {{ const e = document.activeElement; return !!e && ({whatIsFocused}); }})()"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {description}.");
    }

    private static Task TabToFieldAsync(IPage page, string label) =>
        TabToAsync(page, $"e.labels && e.labels.length > 0 && e.labels[0].textContent.trim().startsWith({System.Text.Json.JsonSerializer.Serialize(label)})", $"the field \"{label}\"");

    private static Task TabToButtonAsync(IPage page, string name) =>
        TabToAsync(page, $"e.tagName === 'BUTTON' && e.textContent.trim() === {System.Text.Json.JsonSerializer.Serialize(name)}", $"the button \"{name}\"");

    private static async Task NextWithKeyboardAsync(IPage page, string nextStepHeading)
    {
        await TabToButtonAsync(page, "Next");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = nextStepHeading })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_request_can_be_composed_with_the_keyboard_alone()
    {
        var page = await browser.NewSignedInPageAsync("keys");
        await page.GotoInteractiveAsync("requests/new");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Make them aware of the situation" })).ToBeVisibleAsync();

        await TabToFieldAsync(page, "What's going on");
        await page.Keyboard.TypeAsync("The car is in the garage until Friday.");
        await NextWithKeyboardAsync(page, "Say clearly that you need help");

        await TabToFieldAsync(page, "Your request, said plainly");
        await page.Keyboard.TypeAsync("I'd be grateful for your help.");
        await NextWithKeyboardAsync(page, "Ask one specific person");

        await TabToFieldAsync(page, "Name");
        await page.Keyboard.TypeAsync("Robin");
        await TabToButtonAsync(page, "Add and choose");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Robin").First).ToBeVisibleAsync();
        await NextWithKeyboardAsync(page, "Say exactly what you need");

        await TabToFieldAsync(page, "What exactly you need");
        await page.Keyboard.TypeAsync("Could you drive me to work on Wednesday at 8?");
        await TabToFieldAsync(page, "Honest effort estimate");
        await page.Keyboard.TypeAsync("twenty minutes");
        await NextWithKeyboardAsync(page, "Stay open to any form of help");

        await TabToFieldAsync(page, "Make \"no\" easy");
        await page.Keyboard.TypeAsync("If that's tricky, no worries at all.");
        await NextWithKeyboardAsync(page, "Review the whole message");

        await TabToButtonAsync(page, "Finish");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("This request is complete and ready to send.")).ToBeVisibleAsync();
    }
}
