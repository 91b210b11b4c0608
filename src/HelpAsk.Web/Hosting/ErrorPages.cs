using Microsoft.AspNetCore.Diagnostics;

namespace HelpAsk.Web.Hosting;

public static class ErrorPages
{
    /// <summary>
    /// Outside Development a failure shows the friendly /Error page, never a stack trace;
    /// unknown addresses show the not-found page.
    /// </summary>
    public static WebApplication UseHelpAskErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                CreateScopeForErrors = true,
                // A malformed request (no antiforgery token, a missing form field) is the client's fault: 400, not 500.
                StatusCodeSelector = exception => exception switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // Both pages are shown by re-running the request on their address with its original method. A re-run POST
        // would reach them as a form post (no antiforgery token, no form name) and end in a bare 400; they only
        // ever need to be read.
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && IsReExecution(context))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
        return app;
    }

    private static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IExceptionHandlerPathFeature>() is not null
        || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
}
