using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>
/// The data-protection keys: shared through PostgreSQL by every instance, and encrypted at rest with a configured certificate.
/// </summary>
public sealed class KeyStorageTests : IDisposable
{
    private const string UnencryptedKeyWarning = "No XML encryptor configured";
    private const string CertificatePassword = "pfx password";

    private readonly string certificates = Directory.CreateTempSubdirectory("helpask-certificates-").FullName;

    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_database_read_each_other_s_sign_in_cookie_and_unsubscribe_link()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.PostgreSQL, "PostgreSQL only: with SQLite there is one instance, and its keys are files in its data folder");
        using var first = new HelpAskAppFactory();
        // Its own data folder (nothing shared on disk), on the first one's database.
        using var second = new HelpAskAppFactory();
        second.Settings["ConnectionStrings:HelpAsk"] = first.ConnectionString;
        first.StartServer();
        second.StartServer();
        var alice = await first.CreateConfirmedAccountAsync("alice@example.org");
        await first.CreateConfirmedAccountAsync("bob@example.org");

        var (_, aliceCookie) = await first.LoggedInAsync("alice@example.org");
        var (_, bobCookie) = await second.LoggedInAsync("bob@example.org");

        using (var aliceOnSecond = second.WithCopiedCookie(aliceCookie))
        {
            Assert.Equal(HttpStatusCode.OK, (await aliceOnSecond.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
        }

        using (var bobOnFirst = first.WithCopiedCookie(bobCookie))
        {
            Assert.Equal(HttpStatusCode.OK, (await bobOnFirst.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
        }

        var link = new Uri(first.Services.GetRequiredService<UnsubscribeLinks>().For(alice, NotificationKind.Answers));
        using var mailReader = second.NewClient();
        var page = await mailReader.GetStringAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Contains("Turn off these emails?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_certificate_every_stored_key_is_encrypted_read_back_after_a_restart_and_not_warned_about()
    {
        var folder = Directory.CreateTempSubdirectory("helpask-keys-").FullName;
        var logged = new MemorySink();
        var pfx = WriteCertificate("helpask-keys.pfx");
        string cookie;
        using (var app = AppWithCertificate(folder, pfx, logged))
        {
            await app.CreateConfirmedAccountAsync("alice@example.org");
            (_, cookie) = await app.LoggedInAsync("alice@example.org");

            var keys = await StoredKeysAsync(app);
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
            });
            Assert.DoesNotContain(logged.Events, e => e.MessageTemplate.Text.Contains(UnencryptedKeyWarning, StringComparison.Ordinal));
        }

        try
        {
            using var restarted = AppWithCertificate(folder, pfx, logged);
            using var client = restarted.WithCopiedCookie(cookie);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            DeleteData(folder);
        }
    }

    [Fact]
    public async Task After_a_change_of_certificate_keys_stored_under_the_previous_one_still_read()
    {
        var folder = Directory.CreateTempSubdirectory("helpask-keys-").FullName;
        var logged = new MemorySink();
        var previous = WriteCertificate("previous.pfx");
        string cookie;
        using (var app = AppWithCertificate(folder, previous, logged))
        {
            await app.CreateConfirmedAccountAsync("alice@example.org");
            (_, cookie) = await app.LoggedInAsync("alice@example.org");
        }

        try
        {
            using var renewed = AppWithCertificate(folder, WriteCertificate("renewed.pfx"), logged);
            renewed.Settings["DataProtection:PreviousCertificates:0:Path"] = previous;
            renewed.Settings["DataProtection:PreviousCertificates:0:Password"] = CertificatePassword;
            using var client = renewed.WithCopiedCookie(cookie);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            DeleteData(folder);
        }
    }

    [Fact]
    public async Task Without_a_certificate_keys_are_stored_as_plain_xml_and_warned_about()
    {
        var logged = new MemorySink();
        using var app = new HelpAskAppFactory { TestServices = services => services.AddSingleton<ILogEventSink>(logged) };
        await app.CreateConfirmedAccountAsync("alice@example.org");
        await app.LoggedInAsync("alice@example.org");

        Assert.All(await StoredKeysAsync(app), key => Assert.Contains("<masterKey", key, StringComparison.Ordinal));
        Assert.Contains(logged.Events, e => e.MessageTemplate.Text.Contains(UnencryptedKeyWarning, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BadCertificates => new()
    {
        { "Path", "missing.pfx", "DataProtection:Certificate:Path: no certificate file at" },
        { "Path", "wrong-password", "could not be read as a PKCS#12 (.pfx) certificate; is DataProtection:Certificate:Password right?" },
        { "Thumbprint", "0123456789ABCDEF0123456789ABCDEF01234567", "DataProtection:Certificate:Thumbprint: no certificate 0123456789ABCDEF0123456789ABCDEF01234567" },
    };

    [Theory]
    [MemberData(nameof(BadCertificates))]
    public void A_certificate_that_cannot_be_loaded_stops_the_start_up_naming_the_setting(string setting, string value, string message)
    {
        using var app = new HelpAskAppFactory();
        app.Settings[$"DataProtection:Certificate:{setting}"] = value switch
        {
            "missing.pfx" => Path.Combine(certificates, value),
            "wrong-password" => WriteCertificate("other.pfx"),
            _ => value,
        };
        app.Settings["DataProtection:Certificate:Password"] = "not the password";

        var error = Assert.ThrowsAny<Exception>(app.StartServer);

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Removes the data of apps that shared a data folder (and so, on PostgreSQL, a database), once they are disposed.</summary>
    private static void DeleteData(string folder)
    {
        using (var sameData = new HelpAskAppFactory(dataDirectory: folder))
        {
            sameData.DropPostgresDatabase();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static HelpAskAppFactory AppWithCertificate(string folder, string pfx, MemorySink logged)
    {
        var app = new HelpAskAppFactory(dataDirectory: folder) { TestServices = services => services.AddSingleton<ILogEventSink>(logged) };
        app.Settings["DataProtection:Certificate:Path"] = pfx;
        app.Settings["DataProtection:Certificate:Password"] = CertificatePassword;
        return app;
    }

    /// <summary>The keys as stored: rows of the database on PostgreSQL, files in the data folder on SQLite.</summary>
    private static async Task<List<string>> StoredKeysAsync(HelpAskAppFactory app)
    {
        if (HelpAskAppFactory.Provider == DatabaseProvider.Sqlite)
        {
            return [.. Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml").Select(File.ReadAllText)];
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        return await db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A self-signed certificate with its private key, as a password-protected .pfx file.</summary>
    private string WriteCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=HelpAsk data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(certificates, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    public void Dispose() => Directory.Delete(certificates, recursive: true);
}
