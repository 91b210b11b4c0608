using HelpAsk.Web.Data;
using Npgsql;

namespace HelpAsk.Web.Tests.Integration;

public sealed class ChangeListenerConnectionTests
{
    [Fact]
    public void Over_tcp_the_listening_connection_uses_the_kernels_keepalives_not_npgsqls()
    {
        // Npgsql's own keepalive times out the idle read every interval and catches the exception inside the driver:
        // five first-chance exceptions every 30 s per instance (seen as SwallowedExceptionsTests failing on
        // PostgreSQL whenever its window met the listener's 30th second).
        var listening = new NpgsqlConnectionStringBuilder(PostgresChangeListener.ListeningConnection(
            "Host=db.internal;Database=helpask;Username=app;Password=secret;Keepalive=10"));

        Assert.Equal(0, listening.KeepAlive);
        Assert.True(listening.TcpKeepAlive);
        Assert.Equal(30, listening.TcpKeepAliveTime);
        Assert.Equal(5, listening.TcpKeepAliveInterval);
        Assert.False(listening.Pooling);
        Assert.Equal(PostgresChangeListener.ApplicationName, listening.ApplicationName);
        Assert.Equal("db.internal", listening.Host);
        Assert.Equal("secret", listening.Password);
    }

    [Theory]
    [InlineData("/var/run/postgresql")]
    [InlineData("127.0.0.1,/tmp/pg")]
    public void Over_a_unix_socket_it_sets_no_tcp_option_which_would_stop_it_connecting(string host)
    {
        // Measured with Npgsql 10.0.3: TcpKeepAlive on a Unix-domain socket fails the open ("Operation not supported").
        var listening = new NpgsqlConnectionStringBuilder(PostgresChangeListener.ListeningConnection(
            $"Host={host};Database=helpask;Username=app;Keepalive=10"));

        Assert.Equal(0, listening.KeepAlive);
        Assert.False(listening.TcpKeepAlive);
        Assert.Equal(0, listening.TcpKeepAliveTime);
    }
}
