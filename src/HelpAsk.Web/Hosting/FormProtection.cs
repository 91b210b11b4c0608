using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace HelpAsk.Web.Hosting;

public static class FormProtection
{
    /// <summary>
    /// Antiforgery for every posted form, and a clear page when a form to one of the app's pages cannot be accepted:
    /// its token is missing or stale (the page was open across a key change), or the form itself could not be read (a
    /// value over the 4 MB form limit, a NUL). Blazor answers those with a bare 400 and an empty page.
    /// </summary>
    public static WebApplication UseFormProtection(this WebApplication app)
    {
        app.UseAntiforgery();
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                await PlainPages.WriteAsync(
                    context.Response,
                    StatusCodes.Status400BadRequest,
                    "Form not sent",
                    "This form was not sent, and nothing was saved",
                    "It could not be accepted: the page may have been open too long, or the form held something that cannot be sent "
                    + "(a very long text or an invisible control character). Go back, reload the page, and send it again.",
                    context.RequestAborted);
                return;
            }

            await next(context);
        });
        return app;
    }
}
