using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Benchmarks;

/// <summary>What the scale and load figures share: their options, the machine's load, and the app's own database contexts.</summary>
internal static class Measuring
{
    public static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, so every figure says how busy it was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Contexts as the app makes them (Identity's options shape the model too) on the given database.</summary>
    public static IDbContextFactory<HelpAskDbContext> Contexts(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContextFactory<HelpAskDbContext>(options => DataSetup.UseDatabase(options, provider, connectionString).AddInterceptors(interceptors));
        services.AddHelpAskAccounts();
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<HelpAskDbContext>>();
    }
}
