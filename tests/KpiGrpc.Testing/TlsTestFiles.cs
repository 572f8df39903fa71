using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace KpiGrpc.Testing;

/// <summary>
/// PEM files for a TLS test, in a temporary directory: a CA and a server certificate it issued, a
/// client certificate from the same CA, and one from another CA.
/// </summary>
public sealed class TlsTestFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-tls-").FullName;

    public TlsTestFiles()
    {
        Write(Authority.Certificate, CaFile, keyFile: null);
        Write(OtherAuthority.Certificate, OtherCaFile, keyFile: null);
        ServerCertificate = ReplaceServerCertificate("localhost");
        ClientCertificate = Authority.IssueClientCertificate("dialer-1");
        ForeignClientCertificate = OtherAuthority.IssueClientCertificate("intruder");
        Write(ClientCertificate, ClientCertificateFile, ClientKeyFile);
        Write(ForeignClientCertificate, ForeignClientCertificateFile, ForeignClientKeyFile);
    }

    public TestCertificateAuthority Authority { get; } = TestCertificateAuthority.Create("KpiGrpc test CA");

    public TestCertificateAuthority OtherAuthority { get; } = TestCertificateAuthority.Create("Another CA");

    /// <summary>The server certificate the files hold now.</summary>
    public X509Certificate2 ServerCertificate { get; private set; }

    /// <summary>Issued by <see cref="Authority"/>, subject CN=dialer-1.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>Issued by <see cref="OtherAuthority"/>, subject CN=intruder.</summary>
    public X509Certificate2 ForeignClientCertificate { get; }

    public string CaFile => Path.Combine(_directory, "ca.pem");

    public string OtherCaFile => Path.Combine(_directory, "other-ca.pem");

    public string ServerCertificateFile => Path.Combine(_directory, "server.pem");

    public string ServerKeyFile => Path.Combine(_directory, "server.key");

    public string ClientCertificateFile => Path.Combine(_directory, "client.pem");

    public string ClientKeyFile => Path.Combine(_directory, "client.key");

    public string ForeignClientCertificateFile => Path.Combine(_directory, "foreign-client.pem");

    public string ForeignClientKeyFile => Path.Combine(_directory, "foreign-client.key");

    /// <summary>The server's switches: its certificate, and <see cref="CaFile"/> as client CA when <paramref name="mutual"/>.</summary>
    public IEnumerable<string> ServerArguments(bool mutual) =>
        ["--tls-cert", ServerCertificateFile, "--tls-key", ServerKeyFile, .. mutual ? new[] { "--tls-client-ca", CaFile } : []];

    /// <summary>Issues a new server certificate from <see cref="Authority"/> and overwrites the server's files with it.</summary>
    public X509Certificate2 ReplaceServerCertificate(string commonName)
    {
        ServerCertificate = Authority.IssueServerCertificate(commonName);
        Write(ServerCertificate, ServerCertificateFile, ServerKeyFile);
        return ServerCertificate;
    }

    /// <summary>
    /// A channel trusting only <paramref name="trusted"/> (<see cref="Authority"/> when null),
    /// presenting <paramref name="clientCertificate"/>, telling <paramref name="seen"/> each server certificate.
    /// </summary>
    public GrpcChannel Channel(Uri address, X509Certificate2? clientCertificate = null, TestCertificateAuthority? trusted = null, Action<X509Certificate2>? seen = null)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = TrustOnly((trusted ?? Authority).Certificate),
            ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
        };
        if (seen is not null)
        {
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                seen(new X509Certificate2(certificate!));
                return errors == SslPolicyErrors.None;
            };
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { SslOptions = ssl } });
    }

    public void Dispose()
    {
        Authority.Dispose();
        OtherAuthority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Writes the certificate's PEM, and its private key's (PKCS#8) when <paramref name="keyFile"/> is given.</summary>
    public static void Write(X509Certificate2 certificate, string certificateFile, string? keyFile)
    {
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem() + "\n");
        if (keyFile is not null)
        {
            var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA private key");
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        }
    }

    private static X509ChainPolicy TrustOnly(X509Certificate2 authority)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(authority);
        return policy;
    }
}
