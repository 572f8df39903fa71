using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KpiGrpc.Server.Tls;

/// <summary>Whether a client certificate was issued by one of the configured client CAs, and by nothing else.</summary>
public static class ClientCertificateTrust
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Null when <paramref name="certificate"/> chains to one of <paramref name="authorities"/>; otherwise why not.</summary>
    public static string? Refusal(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // The CA file is the whole trust: no revocation lists to fetch, no system roots.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate)
            ? null
            : string.Join("; ", chain.ChainStatus.Select(status => $"{status.Status}: {status.StatusInformation.Trim()}"));
    }
}
