namespace KpiGrpc.Core.Access;

/// <summary>A request that names only campaigns the caller's scope does not hold: nothing of it can be answered.</summary>
public sealed class CampaignOutOfScopeException(IReadOnlyList<string> campaignIds, CampaignScope scope)
    : Exception($"the filter names only {(campaignIds.Count == 1 ? "campaign" : "campaigns")} {string.Join(", ", campaignIds)}, outside this key's scope ({scope})")
{
    public IReadOnlyList<string> CampaignIds { get; } = campaignIds;

    public CampaignScope Scope { get; } = scope;
}
