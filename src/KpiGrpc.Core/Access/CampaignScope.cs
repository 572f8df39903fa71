using KpiGrpc.Core.Querying;

namespace KpiGrpc.Core.Access;

/// <summary>
/// The campaigns a caller may see and write. An unrestricted scope allows every campaign; a
/// restricted one only its campaigns (never the empty campaign of a session tied to none).
/// </summary>
public sealed class CampaignScope
{
    public static readonly CampaignScope Unrestricted = new(null);

    private readonly HashSet<string>? _campaigns;

    private CampaignScope(HashSet<string>? campaigns) => _campaigns = campaigns;

    /// <summary>A scope of <paramref name="campaignIds"/>; none means unrestricted.</summary>
    public static CampaignScope Of(IEnumerable<string> campaignIds)
    {
        var campaigns = campaignIds.ToHashSet(StringComparer.Ordinal);
        return campaigns.Count == 0 ? Unrestricted : new CampaignScope(campaigns);
    }

    public bool IsRestricted => _campaigns is not null;

    /// <summary>The scope's campaigns, sorted; empty when unrestricted.</summary>
    public IReadOnlyList<string> Campaigns => _campaigns is null ? [] : [.. _campaigns.Order(StringComparer.Ordinal)];

    public bool Allows(string campaignId) => _campaigns is null || _campaigns.Contains(campaignId);

    /// <summary>The filter cut to the scope: all of the scope when it names no campaign, else the campaigns of both.</summary>
    /// <exception cref="CampaignOutOfScopeException">The filter names only campaigns outside the scope.</exception>
    public KpiFilter Restrict(KpiFilter filter)
    {
        if (_campaigns is null)
        {
            return filter;
        }

        if (!filter.RestrictsCampaigns)
        {
            return filter with { CampaignIds = _campaigns };
        }

        var allowed = filter.CampaignIds.Where(_campaigns.Contains).ToHashSet(StringComparer.Ordinal);
        return allowed.Count > 0
            ? filter with { CampaignIds = allowed }
            : throw new CampaignOutOfScopeException(filter.CampaignIds.Order(StringComparer.Ordinal).ToList(), this);
    }

    /// <summary>"campaigns A, B" or "every campaign", for messages.</summary>
    public override string ToString() => _campaigns is null ? "every campaign" : $"campaigns {string.Join(", ", Campaigns)}";
}
