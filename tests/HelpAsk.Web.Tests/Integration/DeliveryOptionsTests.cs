using HelpAsk.Web.Features.Sending;

namespace HelpAsk.Web.Tests.Integration;

public sealed class DeliveryOptionsTests
{
    [Fact]
    public void Retries_back_off_exponentially_up_to_the_cap()
    {
        var options = new DeliveryOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
            Enumerable.Range(1, 9).Select(attempt => options.RetryDelayAfter(attempt).TotalSeconds));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelayAfter(1_000));
    }
}
