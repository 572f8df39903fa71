using System.Text.Encodings.Web;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Tls;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Access;

/// <summary>
/// <c>authorization: Bearer &lt;key&gt;</c> against the keys file: a known key becomes a principal
/// with its name, roles and campaigns (<see cref="KpiClaims"/>). Without a keys file every caller is
/// the anonymous admin, unless JWT is configured (the safe default keeps such a server on loopback).
/// With <c>Kpi:Auth:ClientCertificateKeys</c>, a call without a bearer whose mutual-TLS client certificate's
/// CN names a key is that key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing ring,
    IOptions<AuthOptions> auth,
    TlsCertificates certificates)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Where the authenticated key's revocation token waits for <see cref="KeyRevocation"/>.</summary>
    public const string RevokedItem = "kpi.key-revoked";

    private const string BearerPrefix = "Bearer ";

    private const string RejectionItem = "kpi.key-rejection";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ring.IsOpen)
        {
            return Task.FromResult(Success(KpiClaims.Principal("anonymous", [KpiRole.Admin], [], SchemeName)));
        }

        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(CertificateKey() ?? Refuse(AccessErrors.MissingCredential, null));
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            return Task.FromResult(Refuse(AccessErrors.MalformedCredential, null));
        }

        if (ring.Find(header[BearerPrefix.Length..].Trim(), out var revokedName) is not { } key)
        {
            return Task.FromResult(Refuse(AccessErrors.UnknownKey, revokedName));
        }

        return Task.FromResult(Authenticated(key));
    }

    /// <summary>
    /// The key a mutual-TLS client certificate's CN names, when the option is on; null when it does not apply.
    /// The certificate was checked against the client CAs (by the handshake and <see cref="ClientCertificateGuard"/>).
    /// </summary>
    private AuthenticateResult? CertificateKey()
    {
        if (!auth.Value.ClientCertificateKeys || certificates.Current?.ClientAuthorities is null
            || ClientCertificateIdentity.CommonName(Context) is not { } name)
        {
            return null;
        }

        return ring.FindByName(name, out var revokedName) is { } key ? Authenticated(key) : Refuse(AccessErrors.UnknownKey, revokedName ?? name);
    }

    private AuthenticateResult Authenticated(ApiKeyRing.LiveKey key)
    {
        Context.Items[RevokedItem] = key.Revoked;
        var entry = key.Entry;
        return Success(KpiClaims.Principal(entry.Name, entry.RoleValues, entry.Campaigns ?? [], SchemeName));
    }

    /// <summary>
    /// No principal, and why, for <see cref="GrpcAuthorizationResultHandler"/> should the endpoint need one
    /// (health and reflection do not: they must not log a refusal on every probe).
    /// </summary>
    public static KeyRejection? RejectionOf(HttpContext context) => context.Items[RejectionItem] as KeyRejection;

    /// <summary>Keeps why a credential (key or token) was refused, for <see cref="RejectionOf"/>.</summary>
    public static void Remember(HttpContext context, KeyRejection rejection) => context.Items[RejectionItem] = rejection;

    private AuthenticateResult Refuse(string reason, string? keyName)
    {
        Remember(Context, new KeyRejection(reason, keyName));
        return AuthenticateResult.NoResult();
    }

    private static AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
}

/// <summary>
/// Why a credential was refused (an <see cref="AccessErrors"/> reason), the key's name or token's subject
/// when known, and for a token what check failed; never the secret.
/// </summary>
public sealed record KeyRejection(string Reason, string? KeyName, string? Failed = null);
