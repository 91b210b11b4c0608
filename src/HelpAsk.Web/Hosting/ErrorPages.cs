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
        return app;
    }
}
