using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KpiGrpc.Server.Tls;

/// <summary>One consistent load of the TLS files: the server certificate with its chain, and the client CAs.</summary>
/// <param name="Certificate">The server's leaf certificate, with its private key.</param>
/// <param name="Context">The leaf and the intermediates of the certificate file, as sent in each handshake.</param>
/// <param name="ClientAuthorities">The CAs a client certificate must chain to; null when mutual TLS is off.</param>
public sealed record TlsMaterial(X509Certificate2 Certificate, SslStreamCertificateContext Context, X509Certificate2Collection? ClientAuthorities)
{
    /// <summary>Reads the files named by <paramref name="options"/>; throws <see cref="TlsFileException"/> saying which file is wrong and why.</summary>
    public static TlsMaterial Load(TlsOptions options)
    {
        var certificateFile = options.CertificateFile!;
        var keyFile = options.KeyFile!;
        var certificate = Read(certificateFile, "certificate", () => X509Certificate2.CreateFromPemFile(certificateFile, keyFile), keyFile);
        var chain = Read(certificateFile, "certificate", () => PemCertificates(certificateFile));
        var intermediates = new X509Certificate2Collection(chain.Skip(1).ToArray());
        var context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
        var authorities = string.IsNullOrEmpty(options.ClientCaFile)
            ? null
            : Read(options.ClientCaFile, "client CA", () => PemCertificates(options.ClientCaFile));
        return new TlsMaterial(certificate, context, authorities);
    }

    /// <summary>What the logs say of a certificate: its subject, thumbprint and expiry.</summary>
    public string Describe() => $"{Certificate.Subject} (SHA-1 {Certificate.Thumbprint}, expires {Certificate.NotAfter.ToUniversalTime():u})";

    private static X509Certificate2Collection PemCertificates(string file)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(file);
        return certificates.Count > 0 ? certificates : throw new CryptographicException("the file holds no PEM CERTIFICATE block");
    }

    private static T Read<T>(string file, string what, Func<T> load, string? keyFile = null)
    {
        var files = keyFile is null ? file : $"{file} with key {keyFile}";
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TlsFileException($"TLS {what} {files} cannot be read: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // ArgumentException: an EC key that is not the certificate's.
            throw new TlsFileException($"TLS {what} {files} is not usable: {ex.Message}", ex);
        }
    }
}

/// <summary>A TLS file that is missing, unreadable, not PEM, or a key that does not match its certificate.</summary>
public sealed class TlsFileException(string message, Exception inner) : Exception(message, inner);
