using System.Security.Claims;
using KpiGrpc.Core.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KpiGrpc.Server.Access;

/// <summary>
/// JWT bearer tokens beside the API keys: a bearer credential shaped like a JWT goes to the JWT
/// scheme, which checks issuer, audience, lifetime and signature, then gives the caller the same
/// <see cref="KpiClaims"/> a key would, so roles and campaign scopes work unchanged.
/// </summary>
public static class JwtBearerSetup
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The default scheme: picks the JWT or the API-key scheme for each call.</summary>
    public const string SelectorSchemeName = "KpiBearer";

    private const string BearerPrefix = "Bearer ";

    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <summary>header.payload.signature goes to the JWT scheme (when configured); anything else is an API key.</summary>
    public static string SchemeFor(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt.IsConfigured
        && BearerCredential(context) is { } credential && credential.Count(c => c == '.') == 2
            ? SchemeName
            : ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>Where a JWT call's expiry is kept, for <see cref="RevokedKeyInterceptor"/> to name why its call ended.</summary>
    public const string ExpiresItem = "kpi.token-expires";

    public static void Configure(JwtBearerOptions bearer, JwtAuthOptions jwt, JwksFileWatcher jwks)
    {
        if (!jwt.IsConfigured)
        {
            return;
        }

        // Claims keep the names the token gives them ("sub", "roles"), not WS-Federation URIs.
        bearer.MapInboundClaims = false;
        bearer.Authority = string.IsNullOrEmpty(jwt.Authority) ? null : jwt.Authority;
        bearer.Audience = jwt.Audience;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = jwt.ClockSkew,
        };
        if (!string.IsNullOrEmpty(jwt.SigningKeysFile))
        {
            // Asked at every token, so a reloaded file counts at once.
            bearer.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => jwks.Keys;
        }
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                context.Principal = PrincipalOf(context.Principal!, jwt);
                EndAtExpiry(context.HttpContext, context.SecurityToken.ValidTo, jwt.ClockSkew);
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                ApiKeyAuthenticationHandler.Remember(
                    context.HttpContext, new KeyRejection(AccessErrors.InvalidToken, UnverifiedSubject(context.HttpContext), FailureOf(context.Exception)));
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// Ties the call to its token's lifetime as a revoked key's call is tied to its key (<see cref="KeyRevocation"/>):
    /// a stream still open when the token expires (past the clock skew) ends with UNAUTHENTICATED, TOKEN_EXPIRED.
    /// </summary>
    private static void EndAtExpiry(HttpContext context, DateTime validTo, TimeSpan clockSkew)
    {
        var left = validTo.ToUniversalTime() + clockSkew - DateTime.UtcNow;
        // A timer cannot wait past about 24 days; no stream stays open that long without its connection cycling.
        var expiry = new CancellationTokenSource(left > MaxTimerWait ? Timeout.InfiniteTimeSpan : left > TimeSpan.Zero ? left : TimeSpan.Zero);
        context.Response.RegisterForDispose(expiry);
        context.Items[ApiKeyAuthenticationHandler.RevokedItem] = expiry.Token;
        context.Items[ExpiresItem] = validTo;
    }

    /// <summary>The signing keys of a JWKS file; throws (InvalidDataException, IOException) saying what is wrong.</summary>
    public static IList<SecurityKey> LoadSigningKeys(string path)
    {
        IList<SecurityKey> keys;
        try
        {
            keys = new JsonWebKeySet(File.ReadAllText(path)).GetSigningKeys();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{Path.GetFullPath(path)} is not a JWKS file ({{\"keys\": [...]}}): {ex.Message}", ex);
        }

        return keys.Count > 0 ? keys : throw new InvalidDataException($"{Path.GetFullPath(path)} holds no signing key");
    }

    /// <summary>The token's claims as <see cref="KpiClaims"/>: its subject, the roles this server knows, its campaigns.</summary>
    private static ClaimsPrincipal PrincipalOf(ClaimsPrincipal token, JwtAuthOptions jwt)
    {
        var roles = new List<KpiRole>();
        foreach (var claim in token.FindAll(jwt.RoleClaim))
        {
            if (KpiRoles.TryParse(claim.Value, out var role) && !roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        var campaigns = token.FindAll(jwt.CampaignClaim).Select(claim => claim.Value).Where(campaign => campaign.Length > 0);
        return KpiClaims.Principal(token.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "(no subject)", roles, campaigns, SchemeName);
    }

    /// <summary>What failed, as the ErrorInfo's "failed" metadata says it.</summary>
    private static string FailureOf(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not_yet_valid",
        SecurityTokenInvalidAudienceException => "audience",
        SecurityTokenInvalidIssuerException => "issuer",
        SecurityTokenInvalidSignatureException => "signature",
        _ => "token",
    };

    /// <summary>The subject a refused token claims, for the log only (not verified); never the token.</summary>
    private static string? UnverifiedSubject(HttpContext context)
    {
        try
        {
            return BearerCredential(context) is { } credential ? new JsonWebTokenHandler().ReadJsonWebToken(credential).Subject : null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    private static string? BearerCredential(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        return header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }
}
