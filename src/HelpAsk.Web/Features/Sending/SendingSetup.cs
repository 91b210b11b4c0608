using HelpAsk.Web.Data;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Sending;

public static class SendingSetup
{
    /// <summary>Email through SMTP when <c>Email:Smtp:Host</c> is set, else into the pickup folder; an outbox and its dispatcher either way.</summary>
    public static WebApplicationBuilder AddSending(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .Validate(PublicLinks.IsUsable,
                "Email:PublicBaseUrl must be set to the address people use to reach HelpAsk (e.g. https://helpask.example.com/) " +
                "when Email:Smtp:Host is set: links in emails are built from it, never from the request.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IMailTransport>(services =>
        {
            var options = services.GetRequiredService<IOptions<EmailOptions>>();
            if (options.Value.UsesSmtp)
            {
                return new SmtpMailTransport(options);
            }

            var dataDirectory = DataSetup.ResolveDataDirectory(builder.Configuration, builder.Environment);
            return new PickupFolderMailTransport(Path.GetFullPath(options.Value.PickupDirectory, dataDirectory));
        });
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddScoped<OutboxStore>();
        builder.Services.AddSingleton<PublicLinks>();
        return builder;
    }
}
