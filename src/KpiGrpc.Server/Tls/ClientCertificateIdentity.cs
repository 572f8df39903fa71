using System.Security.Cryptography.X509Certificates;
using Grpc.Core;

namespace KpiGrpc.Server.Tls;

/// <summary>
/// Who a mutual-TLS client is: the common name of the certificate it presented, which the TLS
/// handshake already checked against the client CAs. The hook for mapping a certificate to a key name.
/// </summary>
public static class ClientCertificateIdentity
{
    /// <summary>The CN of the connection's client certificate; null without mutual TLS.</summary>
    public static string? CommonName(HttpContext context) => CommonName(context.Connection.ClientCertificate);

    /// <inheritdoc cref="CommonName(HttpContext)"/>
    public static string? CommonName(ServerCallContext context) => CommonName(context.GetHttpContext());

    public static string? CommonName(X509Certificate2? certificate) =>
        certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } name ? name : null;
}
