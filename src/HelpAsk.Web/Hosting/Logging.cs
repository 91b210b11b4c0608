using System.Text.RegularExpressions;
using HelpAsk.Web.Data;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace HelpAsk.Web.Hosting;

public static partial class Logging
{
    /// <summary>Serilog, configured from the "Serilog" section of appsettings.json (console and a rolling file).</summary>
    public static WebApplicationBuilder AddHelpAskLogging(this WebApplicationBuilder builder)
    {
        AnchorLogFilesInDataDirectory(builder);
        // preserveStaticLogger: each host owns its logger, so several hosts in one process (tests) never mix logs.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<RedactEmailAddresses>(),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>A relative log file path means a path inside the data folder, wherever the app was started from.</summary>
    private static void AnchorLogFilesInDataDirectory(WebApplicationBuilder builder)
    {
        var dataDirectory = DataSetup.ResolveDataDirectory(builder.Configuration, builder.Environment);
        foreach (var sink in builder.Configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            var path = sink["Args:path"];
            if (path is not null && !Path.IsPathRooted(path))
            {
                builder.Configuration[$"{sink.Path}:Args:path"] = Path.Combine(dataDirectory, path);
            }
        }
    }

    /// <summary>One line a request; the path only, since query strings can carry personal data.</summary>
    public static WebApplication UseHelpAskRequestLogging(this WebApplication app)
    {
        // The host's own logger, not Serilog's static one (see preserveStaticLogger above).
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options => options.Logger = logger);
        return app;
    }

    /// <summary>
    /// Email addresses are personal data: whatever a log call passes in as a property, an address is
    /// replaced before it reaches a sink. Message bodies are never passed to a logger at all.
    /// </summary>
    internal sealed partial class RedactEmailAddresses : ILogEventEnricher
    {
        public const string Replacement = "[email]";

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            foreach (var (name, value) in logEvent.Properties.ToArray())
            {
                if (value is ScalarValue { Value: string text } && text.Contains('@', StringComparison.Ordinal))
                {
                    var redacted = EmailAddress().Replace(text, Replacement);
                    if (redacted != text)
                    {
                        logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
                    }
                }
            }
        }

        [GeneratedRegex(@"[^\s@<>""']+@[^\s@<>""']+", RegexOptions.CultureInvariant)]
        private static partial Regex EmailAddress();
    }
}
