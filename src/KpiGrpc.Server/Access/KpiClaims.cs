using System.Security.Claims;
using Grpc.Core;
using KpiGrpc.Core.Access;

namespace KpiGrpc.Server.Access;

/// <summary>
/// The claims every authentication scheme gives a caller (API keys now, JWT bearer later): its
/// name, a role claim per role, and a campaign claim per campaign of its scope (none: every campaign).
/// </summary>
public static class KpiClaims
{
    public const string Campaign = "kpi:campaign";

    public static ClaimsPrincipal Principal(string name, IEnumerable<KpiRole> roles, IEnumerable<string> campaigns, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role.Name())));
        claims.AddRange(campaigns.Select(campaign => new Claim(Campaign, campaign)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller's campaign scope, as Core enforces it.</summary>
    public static CampaignScope ScopeOf(ClaimsPrincipal user) => CampaignScope.Of(user.FindAll(Campaign).Select(claim => claim.Value));

    public static CampaignScope ScopeOf(ServerCallContext context) => ScopeOf(context.GetHttpContext().User);
}
