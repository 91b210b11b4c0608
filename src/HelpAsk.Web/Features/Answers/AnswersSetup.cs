using System.Threading.RateLimiting;
using HelpAsk.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpAsk.Web.Features.Answers;

/// <summary>How many answer-page requests one address may make in a window, against token guessing.</summary>
public sealed class AnswerPageLimits
{
    public const string Section = "RateLimits:AnswerPage";

    public int PermitLimit { get; set; } = 30;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class AnswersSetup
{
    public const string RateLimitPolicy = "answer-page";

    public static IServiceCollection AddAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<HelperAnswers>();
        var limits = configuration.GetSection(AnswerPageLimits.Section).Get<AnswerPageLimits>() ?? new AnswerPageLimits();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = ((int)limits.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await PlainPages.WriteAsync(
                    response,
                    StatusCodes.Status429TooManyRequests,
                    "Please wait",
                    "Please wait a moment",
                    "This page was opened too many times in a short while. Try again in a minute.",
                    cancellationToken);
            };
        });
        return services;
    }

    public static WebApplication UseAnswers(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
