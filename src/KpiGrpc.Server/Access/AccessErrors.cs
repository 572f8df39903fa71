using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Access;

/// <summary>
/// UNAUTHENTICATED and PERMISSION_DENIED, each with a google.rpc.ErrorInfo whose reason a program
/// can test. No message ever holds the presented key.
/// </summary>
public static class AccessErrors
{
    public const string MissingCredential = "MISSING_CREDENTIAL";
    public const string MalformedCredential = "MALFORMED_CREDENTIAL";
    public const string UnknownKey = "UNKNOWN_KEY";
    public const string KeyRevoked = "KEY_REVOKED";
    public const string MissingRole = "MISSING_ROLE";
    public const string CampaignOutOfScope = "CAMPAIGN_OUT_OF_SCOPE";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string TokenExpired = "TOKEN_EXPIRED";

    public static RpcException Unauthenticated(string reason) => RpcErrors.WithReason(StatusCode.Unauthenticated, reason switch
    {
        MissingCredential => "This server needs an API key: send it as 'authorization: Bearer <key>' metadata (kpi: --api-key or KPI_API_KEY).",
        MalformedCredential => "The authorization metadata must be 'Bearer <key>'.",
        KeyRevoked => "The API key was revoked while the call was open; the call has ended.",
        TokenExpired => "The bearer token expired while the call was open; the call has ended: get a new token and call again.",
        _ => "The API key is not known to this server (wrong, or revoked).",
    }, reason);

    /// <summary>A JWT refused; <paramref name="failed"/> (metadata "failed") names the check, never the token.</summary>
    public static RpcException TokenRefused(string failed) => RpcErrors.WithReason(StatusCode.Unauthenticated, "The bearer token was refused: " + failed switch
    {
        "expired" => "it has expired.",
        "not_yet_valid" => "it is not valid yet.",
        "audience" => "its audience is not this server (Kpi:Auth:Jwt:Audience).",
        "issuer" => "its issuer is not the one this server trusts (Kpi:Auth:Jwt:Issuer).",
        "signature" => "its signature does not verify with this server's signing keys.",
        _ => "it is not a valid JWT.",
    }, InvalidToken, new() { ["failed"] = failed });

    public static RpcException RoleMissing(string method, IReadOnlyCollection<string> roles) => RpcErrors.WithReason(
        StatusCode.PermissionDenied,
        $"{method} needs the {string.Join(" or ", roles)} role, which this key does not have.",
        MissingRole,
        new() { ["role"] = roles.First(), ["method"] = method });

    public static RpcException OutOfScope(CampaignOutOfScopeException outOfScope) => RpcErrors.WithReason(
        StatusCode.PermissionDenied,
        outOfScope.Message,
        CampaignOutOfScope,
        new() { ["campaign_id"] = string.Join(",", outOfScope.CampaignIds), ["scope"] = string.Join(",", outOfScope.Scope.Campaigns) });
}
