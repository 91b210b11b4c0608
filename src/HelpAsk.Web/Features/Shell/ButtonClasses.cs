namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudButton's classes, for plain <c>button</c> and <c>a</c> elements that look like one without being a component
/// that every open circuit keeps (see <see cref="SvgIcon"/>). Disabled is the element's own <c>disabled</c>.
/// </summary>
public static class ButtonClasses
{
    public const string Filled = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";

    public const string Text = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-medium mud-ripple";

    public const string SmallText = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";

    public const string SmallOutlined = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";
}
