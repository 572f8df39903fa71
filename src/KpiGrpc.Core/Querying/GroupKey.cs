namespace KpiGrpc.Core.Querying;

/// <summary>
/// Identifies a result row: its ids (null for a dimension not grouped by) and its period. Query
/// results come in this order, which paging relies on to resume after the last key it returned.
/// </summary>
public readonly record struct GroupKey(string? OperatorId, string? TeamId, string? CampaignId, DateTimeOffset? PeriodStart)
    : IComparable<GroupKey>
{
    public static GroupKey Of(KpiGroupResult group) => new(group.OperatorId, group.TeamId, group.CampaignId, group.PeriodStart);

    /// <summary>Ordinal ids (operator, team, campaign), then the period's start; null first.</summary>
    public int CompareTo(GroupKey other)
    {
        var order = string.CompareOrdinal(OperatorId, other.OperatorId);
        order = order != 0 ? order : string.CompareOrdinal(TeamId, other.TeamId);
        order = order != 0 ? order : string.CompareOrdinal(CampaignId, other.CampaignId);
        return order != 0 ? order : Nullable.Compare(PeriodStart, other.PeriodStart);
    }
}
