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

    /// <summary>A one-click POST says "List-Unsubscribe=One-Click" (26 bytes); a body far larger is refused unread.</summary>
    public const long OneClickBodyMaxBytes = 1024;

    /// <summary>
    /// The unsubscribe link's POST: a mail program's one-click (RFC 8058, no cookies, no form token) and the button on the
    /// link's page. The token alone says what to turn off. It runs before the page's own endpoint on the same address
    /// (which serves the GET), and answers with that page, which shows what this click turned off and offers its undo
    /// (a signed token for exactly those kinds, from that click), which is POSTed back the same way.
    /// </summary>
    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapPost($"/{UnsubscribeLinks.Route}/{{token}}", async (string token, HttpRequest request, UnsubscribeLinks links, NotificationSettings settings, CancellationToken cancellationToken) =>
            {
                if (request.ContentLength > OneClickBodyMaxBytes)
                {
                    return TooLarge;
                }

                if (await links.ReadAsync(token, cancellationToken) is not { } unsubscription)
                {
                    return Results.Redirect(PageOf(token));
                }

                var turned = await settings.TurnOffAsync(unsubscription.AccountId, unsubscription.Kinds, cancellationToken);
                return Results.Redirect(turned.Kinds.Count == 0 ? PageOf(token) : $"{PageOf(token)}?undo={Uri.EscapeDataString(links.UndoTokenFor(turned))}");
            })
            .DisableAntiforgery()
            .WithOrder(-1);
        app.MapPost($"/{UnsubscribeLinks.Route}/{{token}}/undo/{{undo}}", async (string token, string undo, HttpRequest request, UnsubscribeLinks links, NotificationSettings settings, CancellationToken cancellationToken) =>
            {
                if (request.ContentLength > OneClickBodyMaxBytes)
                {
                    return TooLarge;
                }

                // The undo acts only with the link it was made for: another account's undo token reads as nothing here.
                if (await links.ReadAsync(token, cancellationToken) is not { } unsubscription || links.ReadUndo(undo, unsubscription.AccountId) is not { } turned)
                {
                    return Results.Redirect(PageOf(token));
                }

                var back = await settings.UndoAsync(turned, cancellationToken);
                return Results.Redirect(back.Count == 0 ? PageOf(token) : $"{PageOf(token)}?undone={Uri.EscapeDataString(undo)}");
            })
            .DisableAntiforgery();
        return app;
    }

    // With a body of its own: an empty 413 would show the not-found page, which says nothing about the size.
    private static IResult TooLarge => Results.Text(
        "This request is too large for an unsubscribe link, so nothing was changed.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string PageOf(string token) => $"/{UnsubscribeLinks.Route}/{Uri.EscapeDataString(token)}";
}
