using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Tls;

/// <summary>
/// With mutual TLS, ends every call of a connection whose client certificate is missing or not
/// issued by a client CA with UNAUTHENTICATED, before any service sees it. Checked here rather
/// than in the handshake, which under TLS 1.3 fails after the client's side completed, so the
/// client would only see a dropped connection instead of the reason.
/// </summary>
public sealed class ClientCertificateGuard(RequestDelegate next, TlsCertificates certificates, ILogger<ClientCertificateGuard> logger)
{
    /// <summary>The ErrorInfo reason of a refused or missing client certificate.</summary>
    public const string Reason = "CLIENT_CERTIFICATE_REFUSED";

    // One chain build per certificate (a connection's lifetime), redone after the CAs reload.
    private readonly ConditionalWeakTable<X509Certificate2, Verdict> _verdicts = [];

    public Task InvokeAsync(HttpContext context)
    {
        var authorities = certificates.Current?.ClientAuthorities;
        if (authorities is null)
        {
            return next(context);
        }

        var certificate = context.Connection.ClientCertificate;
        var refusal = certificate is null ? "no client certificate was presented" : Check(certificate, authorities);
        if (refusal is null)
        {
            return next(context);
        }

        var subject = certificate?.Subject ?? "(none)";
        TlsLog.ClientCertificateRefused(logger, subject, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", refusal);
        var message = certificate is null
            ? "This server requires a client certificate (mutual TLS); none was presented."
            : $"The client certificate {subject} is not issued by a CA this server trusts for clients: {refusal}.";
        return GrpcTrailersOnly.WriteAsync(context, RpcErrors.WithReason(StatusCode.Unauthenticated, message, Reason));
    }

    private string? Check(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        if (_verdicts.TryGetValue(certificate, out var verdict) && ReferenceEquals(verdict.Authorities, authorities))
        {
            return verdict.Refusal;
        }

        verdict = new Verdict(authorities, ClientCertificateTrust.Refusal(certificate, authorities));
        _verdicts.AddOrUpdate(certificate, verdict);
        return verdict.Refusal;
    }

    private sealed record Verdict(X509Certificate2Collection Authorities, string? Refusal);
}
