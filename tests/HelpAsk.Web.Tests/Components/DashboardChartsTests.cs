using System.Globalization;
using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Dashboard;

namespace HelpAsk.Web.Tests.Components;

public sealed class DashboardChartsTests : BunitContext
{
    private static readonly DateOnly January = new(2026, 1, 1);

    public DashboardChartsTests()
    {
        this.UseAppFrame();
    }

    [Fact]
    public void With_data_each_chart_draws_and_lists_its_figures_for_screen_readers()
    {
        var charts = new DashboardCharts(
            [.. Months().Select((m, i) => new MonthCount(m, i == 11 ? 3 : i % 2))],
            new OutcomeCounts(5, 2, 1, 1),
            new ThanksCoverage(Helped: 8, Thanked: 6),
            [new TopHelper(Guid.NewGuid(), "Sam Jones", 4), new TopHelper(Guid.NewGuid(), "Kim Lee", 2)],
            [.. Months().Select((m, i) => new MonthAverage(m, i < 6 ? 0 : 2.5 - (i * 0.2), i < 6 ? 0 : 2))]);

        var view = Render<DashboardChartsView>(p => p.Add(x => x.Charts, charts));

        foreach (var id in new[] { "#chart-help-per-month", "#chart-outcomes", "#chart-thanks-coverage", "#chart-top-helpers", "#chart-habits" })
        {
            Assert.NotNull(view.Find(id).QuerySelector("svg"));
        }

        var outcomes = view.Find("#chart-outcomes table").TextContent;
        Assert.Contains("Yes5", outcomes, StringComparison.Ordinal);
        Assert.Contains("Offered something else2", outcomes, StringComparison.Ordinal);
        // Months and numbers are in the reader's culture, whatever the machine's is.
        Assert.Contains(new DateOnly(2026, 12, 1).ToString("Y", CultureInfo.CurrentCulture) + "3", view.Find("#chart-help-per-month table").TextContent, StringComparison.Ordinal);
        Assert.Contains("You thanked 6 of the 8 times someone helped you.", view.Find("#chart-thanks-coverage").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Sam Jones", "Kim Lee"], view.FindAll("#chart-top-helpers li a").Select(a => a.TextContent));
        Assert.Contains("4 times", view.Find("#chart-top-helpers").TextContent, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.CurrentCulture, $"{new DateOnly(2026, 7, 1):Y}{1.3:0.0} over 2 sent"), view.Find("#chart-habits table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_data_each_chart_says_what_will_show_there_instead_of_an_empty_drawing()
    {
        var charts = new DashboardCharts(
            [.. Months().Select(m => new MonthCount(m, 0))], new OutcomeCounts(0, 0, 0, 0), new ThanksCoverage(0, 0), [],
            [.. Months().Select(m => new MonthAverage(m, 0, 0))]);

        var view = Render<DashboardChartsView>(p => p.Add(x => x.Charts, charts));

        Assert.Empty(view.FindAll("svg"));
        Assert.Contains("No answers yet.", view.Markup, StringComparison.Ordinal);
        Assert.Contains("Send a request and your habits will show here.", view.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_habits_leave_out_months_without_requests_and_the_axis_fits_the_values()
    {
        var charts = new DashboardCharts(
            [.. Months().Select(m => new MonthCount(m, 0))], new OutcomeCounts(0, 0, 0, 0), new ThanksCoverage(0, 0), [],
            [.. Months().Select((m, i) => i is 3 or 7 ? new MonthAverage(m, 2, 1) : new MonthAverage(m, 0, 0))]);

        var view = Render<DashboardChartsView>(p => p.Add(x => x.Charts, charts));

        // The line chart draws once the browser has measured it; what it is given is what it draws.
        var habits = view.FindComponents<MudBlazor.MudChart<double>>().Single(c => c.Instance.ChartType == MudBlazor.ChartType.Line).Instance;
        Assert.Equal(["Apr", "Aug"], habits.ChartLabels);
        Assert.Equal(1, Assert.IsType<MudBlazor.LineChartOptions>(habits.ChartOptions).YAxisTicks);
    }

    private static IEnumerable<DateOnly> Months() => Enumerable.Range(0, 12).Select(January.AddMonths);
}
