using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Requests.Compose;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HelpAsk.Benchmarks;

/// <summary>
/// What the server does for one keystroke in the composer: the browser's text arrives at the field, the field is
/// analysed and the page renders what changed. The real page on a real SQLite file, rendered by bunit's renderer
/// (Blazor's own; what a circuit adds, serialising the render batch for SignalR, grows with the same diff).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class KeystrokeBenchmarks
{
    private HelpAskAppFactory app = null!;
    private BunitContext bunit = null!;
    private IRenderedComponent<ComposePage> page = null!;
    private CoachedTextArea situation = null!;
    private string[] keystrokes = [];
    private int next;
    private int version;

    [GlobalSetup]
    public void Open() => OpenAsync().GetAwaiter().GetResult();

    private async Task OpenAsync()
    {
        app = new HelpAskAppFactory();
        var accountId = await app.CreateAccountAsync("casey@example.org");
        Guid draftId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await app.ServiceFor<HelperDirectory>(accountId, scope).AddValidAsync("Sam Jones", relationship: "neighbour");
            draftId = (await app.ServiceFor<RequestStore>(accountId, scope).StartDraftAsync()).Id;
        }

        bunit = new BunitContext();
        bunit.SignInAs(app, accountId, "casey@example.org");
        bunit.Services.AddHelpers();
        bunit.Services.AddRequests();
        bunit.Services.AddCoaching();
        bunit.Render<MudPopoverProvider>();
        page = bunit.Render<ComposePage>(p => p.Add(x => x.Id, draftId));
        page.WaitForElement(".composer-layout");
        situation = page.FindComponents<CoachedTextArea>().Single(c => c.Instance.Id == "situation").Instance;

        // A 200-character request typed a key at a time, from its 100th character on, again and again: the text
        // and its findings grow as they do while someone types (sample 0 of the labelled messages has pitfalls).
        var text = SampleTexts.Short;
        keystrokes = [.. Enumerable.Range(100, text.Length - 99).Select(n => text[..n])];
        foreach (var typed in keystrokes)
        {
            Keystroke();
        }
    }

    [Benchmark(Description = "one keystroke in a 100–200 character field")]
    public void Keystroke()
    {
        var typed = keystrokes[next++ % keystrokes.Length];
        page.InvokeAsync(() => situation.TextChanged(typed, ++version)).GetAwaiter().GetResult();
    }

    /// <summary>
    /// "keystrokes": processor time and allocation per keystroke over many keystrokes, a figure that a busy shared
    /// machine (other processes' load) disturbs far less than BenchmarkDotNet's elapsed times. The renderer runs the
    /// keystroke on the calling thread, so that thread's processor time (Linux) is the keystroke's own work.
    /// </summary>
    public static void Report(int keystrokes = 5_000)
    {
        var bench = new KeystrokeBenchmarks();
        bench.Open();
        for (var i = 0; i < keystrokes / 5; i++)
        {
            bench.Keystroke();
        }

        var thread = ThreadProcessorTime();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < keystrokes; i++)
        {
            bench.Keystroke();
        }

        clock.Stop();
        var perKeystroke = (ThreadProcessorTime() - thread).TotalMicroseconds / keystrokes;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / keystrokes;
        Console.WriteLine($"{keystrokes:N0} keystrokes: {perKeystroke:F0} µs of processor time, {clock.Elapsed.TotalMicroseconds / keystrokes:F0} µs elapsed, {bytes / 1024.0:F1} KB allocated per keystroke");
        bench.Close();
    }

    private static TimeSpan ThreadProcessorTime()
    {
        const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID
        return ClockGetTime(ThreadCpuTimeClock, out var time) == 0
            ? TimeSpan.FromTicks((time.Seconds * 1_000_000_000 + time.Nanoseconds) / 100)
            : throw new PlatformNotSupportedException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) is Linux's.");
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [GlobalCleanup]
    public void Close()
    {
        bunit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        app.Dispose();
    }
}
