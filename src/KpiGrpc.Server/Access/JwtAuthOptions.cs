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

    /// <summary>A local JWKS file (JSON, <c>{"keys": [...]}</c>) of the keys tokens are signed with, re-read when it changes; instead of Authority.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The claim holding the caller's roles (ingest, results, read, compute, admin); other values are ignored.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim holding the campaigns the caller is limited to; none: every campaign.</summary>
    public string CampaignClaim { get; set; } = "campaigns";

    /// <summary>
    /// How far past its <c>exp</c> (and before its <c>nbf</c>) a token is still taken, for clocks that differ
    /// between the identity provider and this server; an open stream ends at <c>exp</c> plus this. Default 5 minutes
    /// (ASP.NET Core's); at most an hour.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsConfigured => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(SigningKeysFile);
}
