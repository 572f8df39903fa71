namespace KpiGrpc.Server.Tls;

/// <summary>
/// TLS for every <c>https://</c> URL the server listens on, from PEM files (<c>Kpi:Tls</c> section,
/// or <c>--tls-cert</c>, <c>--tls-key</c>, <c>--tls-client-ca</c>). The files are re-read when they change.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "Kpi:Tls";

    /// <summary>
    /// The server certificate, PEM: the leaf first, then any intermediates, which are sent to
    /// clients too. Required with an https URL; refused with only http URLs.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>The certificate's private key, PEM (PKCS#8, PKCS#1 or SEC1, unencrypted).</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// Turns on mutual TLS: every client must present a certificate issued by one of the CA
    /// certificates in this PEM file (and by no other CA, the system's included).
    /// </summary>
    public string? ClientCaFile { get; set; }

    /// <summary>How often the files are checked for a change. Default 2 s; at least 100 ms.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether a certificate is configured at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(CertificateFile) || !string.IsNullOrEmpty(KeyFile);
}
