namespace HelpAsk.Web.Hosting;

/// <summary>
/// A background job that does one round of work every <paramref name="interval"/>, timed by the app's
/// <see cref="TimeProvider"/> (tests move it). A round that fails is logged and the next round tries again: a job's
/// rounds record what they did, so a failed one has done nothing that needs undoing.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider clock, TimeSpan interval, ILogger log) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Whether the first round runs at start-up rather than one interval later.</summary>
    protected virtual bool RoundAtStart => false;

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!RoundAtStart && !await WaitAsync(stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogRoundFailed(log, GetType().Name, failure);
            }
        }
        while (await WaitAsync(stoppingToken));
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(interval, Clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "A round of {Job} failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, string job, Exception failure);
}
