namespace KpiGrpc.Server.Access;

/// <summary>JWT bearer tokens, for people and single sign-on (<c>Kpi:Auth:Jwt</c>); off unless Authority or SigningKeysFile is set.</summary>
public sealed class JwtAuthOptions
{
    /// <summary>The <c>iss</c> a token must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> a token must carry (this server).</summary>
    public string? Audience { get; set; }

    /// <summary>The identity provider, whose signing keys come from its OIDC discovery document (https).</summary>
    public string? Authority { get; set; }

    /// <summary>A local JWKS file (JSON, <c>{"keys": [...]}</c>) of the keys tokens are signed with, read at start; instead of Authority.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The claim holding the caller's roles (ingest, results, read, compute, admin); other values are ignored.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim holding the campaigns the caller is limited to; none: every campaign.</summary>
    public string CampaignClaim { get; set; } = "campaigns";

    public bool IsConfigured => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(SigningKeysFile);
}
