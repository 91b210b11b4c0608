namespace HelpAsk.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<NotificationSettings>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<AnswerNotifications>();
        services.AddHostedService<Reminders>();
        services.AddHostedService<DailyDigests>();
        return services;
    }

    /// <summary>
    /// The unsubscribe link's POST: a mail program's one-click (RFC 8058, no cookies, no form token) and the button on the
    /// link's page. The token alone says what to turn off. It runs before the page's own endpoint on the same address
    /// (which serves the GET), and answers with that page, which shows the outcome.
    /// </summary>
    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapPost($"/{UnsubscribeLinks.Route}/{{token}}", async (string token, UnsubscribeLinks links, NotificationSettings settings, CancellationToken cancellationToken) =>
            {
                if (await links.ReadAsync(token, cancellationToken) is { } unsubscription)
                {
                    foreach (var kind in unsubscription.Kinds)
                    {
                        await settings.SetAsync(unsubscription.AccountId, kind, on: false, cancellationToken);
                    }
                }

                return Results.Redirect($"/{UnsubscribeLinks.Route}/{token}");
            })
            .DisableAntiforgery()
            .WithOrder(-1);
        return app;
    }
}
