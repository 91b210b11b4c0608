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
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        return app;
    }
}
