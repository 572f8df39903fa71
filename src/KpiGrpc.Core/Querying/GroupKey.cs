namespace KpiGrpc.Core.Querying;

/// <summary>
/// Identifies a result row: its ids (null for a dimension not grouped by), its local weekday and
/// hour (null when not grouped by them) and its period. Query results come in this order, which
/// paging relies on to resume after the last key it returned.
/// </summary>
public readonly record struct GroupKey(string? OperatorId, string? TeamId, string? CampaignId, DateTimeOffset? PeriodStart)
    : IComparable<GroupKey>
{
    /// <summary>The local weekday, when grouped by weekday.</summary>
    public LocalHour.Day? Weekday { get; init; }

    /// <summary>The local hour, when grouped by hour of day.</summary>
    public int? HourOfDay { get; init; }

    public static GroupKey Of(KpiGroupResult group) =>
        new(group.OperatorId, group.TeamId, group.CampaignId, group.PeriodStart) { Weekday = group.Weekday, HourOfDay = group.HourOfDay };

    /// <summary>Ordinal ids (operator, team, campaign), then weekday (Monday first) and hour, then the period's start; null first.</summary>
    public int CompareTo(GroupKey other)
    {
        var order = string.CompareOrdinal(OperatorId, other.OperatorId);
        order = order != 0 ? order : string.CompareOrdinal(TeamId, other.TeamId);
        order = order != 0 ? order : string.CompareOrdinal(CampaignId, other.CampaignId);
        order = order != 0 ? order : Nullable.Compare(Weekday, other.Weekday);
        order = order != 0 ? order : Nullable.Compare(HourOfDay, other.HourOfDay);
        return order != 0 ? order : Nullable.Compare(PeriodStart, other.PeriodStart);
    }
}
