using HelpAsk.Web.Data;
using Npgsql;

namespace HelpAsk.Web.Tests.Integration;

public sealed class ChangeListenerTests
{
    [Fact]
    public void The_listening_connection_is_kept_alive_by_the_kernel_not_by_timing_out_its_own_reads()
    {
        // Npgsql's own keepalive times out the idle read every interval and catches the exception inside the driver:
        // five first-chance exceptions every 30 s per instance (seen as SwallowedExceptionsTests failing on
        // PostgreSQL whenever its window met the listener's 30th second).
        var listening = new NpgsqlConnectionStringBuilder(PostgresChangeListener.ListeningConnection(
            "Host=db.internal;Database=helpask;Username=app;Password=secret;Keepalive=10"));

        Assert.Equal(0, listening.KeepAlive);
        Assert.True(listening.TcpKeepAlive);
        Assert.InRange(listening.TcpKeepAliveTime, 1, 60);
        Assert.False(listening.Pooling);
        Assert.Equal(PostgresChangeListener.ApplicationName, listening.ApplicationName);
        Assert.Equal("db.internal", listening.Host);
        Assert.Equal("secret", listening.Password);
    }
}
