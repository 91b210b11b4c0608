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
        builder.Services.AddHttpContextAccessor();
        // preserveStaticLogger: each host owns its logger, so several hosts in one process (tests) never mix logs.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<RedactEmailAddresses>()
                .Enrich.With(new RedactRequestPaths(services.GetRequiredService<IHttpContextAccessor>())),
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

    /// <summary>The setting that turns every request's line on ("Debug"), as docs/operations.md describes.</summary>
    public const string RequestLinesSetting = "Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware";

    /// <summary>A request that takes longer than this is logged as a warning, whatever its outcome.</summary>
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One line a request, naming its route (see <see cref="RedactRequestPaths"/>). By default only what needs a look
    /// reaches the log: a failure (500 and up, or an exception) as an error, a slow request as a warning. Ordinary
    /// requests are logged at Debug, so a busy site's log is not one line per page; docs/operations.md says how to
    /// see them. A request the client gave up on (closed the tab, timed out) is no failure of the app: Debug too.
    /// </summary>
    public static WebApplication UseHelpAskRequestLogging(this WebApplication app)
    {
        // The host's own logger, not Serilog's static one (see preserveStaticLogger above).
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.GetLevel = (context, elapsedMilliseconds, exception) =>
                context.RequestAborted.IsCancellationRequested ? LogEventLevel.Debug
                : exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : elapsedMilliseconds >= SlowRequest.TotalMilliseconds ? LogEventLevel.Warning
                : LogEventLevel.Debug;
        });
        return app;
    }

    /// <summary>
    /// Addresses carry secrets: an answer link's token is in its path, reset and confirmation codes in query strings.
    /// Wherever a log event names the request (the request log line, ASP.NET's own request scope), it gets the route
    /// template instead (<c>/answer/{Token}</c>), or for an address no route matched only its first segment; a query
    /// string is never kept.
    /// </summary>
    internal sealed class RedactRequestPaths(IHttpContextAccessor http) : ILogEventEnricher
    {
        private static readonly string[] PathProperties = ["RequestPath", "Path"];

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            foreach (var name in PathProperties)
            {
                if (logEvent.Properties.ContainsKey(name))
                {
                    logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(RouteOf(http.HttpContext))));
                }
            }

            logEvent.RemovePropertyIfPresent("QueryString");
        }

        /// <summary>What a log may say about the address of a request: its route, never the values in it.</summary>
        public static string RouteOf(HttpContext? context)
        {
            if (context?.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
            {
                return "/" + template.TrimStart('/');
            }

            var path = context?.Request.Path.Value ?? "";
            var segments = path.Split('/', 3, StringSplitOptions.RemoveEmptyEntries);
            return segments.Length switch
            {
                0 => "/",
                1 => "/" + segments[0],
                _ => $"/{segments[0]}/…",
            };
        }
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
