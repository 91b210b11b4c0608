using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace HelpAsk.Web.Data;

/// <summary>An X.509 certificate with its private key: a PKCS#12 file (<c>Path</c>, <c>Password</c>) or one in a store (<c>Thumbprint</c>).</summary>
public sealed record KeyCertificate(string? Path = null, string? Password = null, string? Thumbprint = null);

/// <summary>
/// Where the data-protection keys live (they sign sign-in cookies and antiforgery tokens, and protect the outbox's answer
/// links and the unsubscribe links). With PostgreSQL, in the database, so every instance reads what another wrote; with
/// SQLite, a single process, in the data folder's <c>keys/</c> as always, so cookies and the links in emails already sent
/// keep working after an upgrade. With <c>DataProtection:Certificate</c> each key is encrypted with that certificate
/// before it is stored; <c>DataProtection:PreviousCertificates</c> still decrypt keys stored under earlier ones.
/// </summary>
public static class KeyStorage
{
    public const string Section = "DataProtection";

    public static void AddHelpAskDataProtection(this WebApplicationBuilder builder, DatabaseProvider provider, string keysDirectory)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("HelpAsk");
        _ = provider == DatabaseProvider.PostgreSQL
            ? protection.PersistKeysToDbContext<HelpAskDbContext>()
            : protection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));

        var section = builder.Configuration.GetSection(Section);
        if (section.GetSection("Certificate").Get<KeyCertificate>() is { } current)
        {
            protection.ProtectKeysWithCertificate(Load(current, $"{Section}:Certificate"));
        }

        var previous = section.GetSection("PreviousCertificates").Get<KeyCertificate[]>() ?? [];
        if (previous.Length > 0)
        {
            protection.UnprotectKeysWithAnyCertificate([.. previous.Select((c, i) => Load(c, $"{Section}:PreviousCertificates:{i}"))]);
        }
    }

    /// <summary>The certificate, or a start-up failure that names the setting and what is wrong with it.</summary>
    public static X509Certificate2 Load(KeyCertificate certificate, string setting)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var loaded = certificate switch
        {
            { Path: { Length: > 0 } path } => FromFile(path, certificate.Password, setting),
            { Thumbprint: { Length: > 0 } thumbprint } => FromStore(thumbprint, setting),
            _ => throw new InvalidOperationException($"{setting}: set Path (a PKCS#12 .pfx file, with Password) or Thumbprint (a certificate in the store)."),
        };
        return loaded.HasPrivateKey
            ? loaded
            : throw new InvalidOperationException($"{setting}: the certificate {loaded.Subject} has no private key, so keys protected with it could not be read back.");
    }

    private static X509Certificate2 FromFile(string path, string? password, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting}:Path: no certificate file at {System.IO.Path.GetFullPath(path)}.");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException failure)
        {
            throw new InvalidOperationException(
                $"{setting}:Path: {System.IO.Path.GetFullPath(path)} could not be read as a PKCS#12 (.pfx) certificate; is {setting}:Password right? ({failure.Message})",
                failure);
        }
    }

    private static X509Certificate2 FromStore(string thumbprint, string setting)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue; // no such store on this machine
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException($"{setting}:Thumbprint: no certificate {thumbprint} in the current user's or the machine's \"My\" store.");
    }
}
