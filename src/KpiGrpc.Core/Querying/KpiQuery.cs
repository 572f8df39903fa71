using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Querying;

/// <summary>Dimensions a query groups by; combine with |.</summary>
[Flags]
public enum GroupDimensions
{
    None = 0,
    Operator = 1,
    Team = 2,
    Campaign = 4,

    /// <summary>The local day of the week of the call's 15-minute slot, in the query's time zone (Monday first).</summary>
    Weekday = 8,

    /// <summary>The local hour of the day (0-23) of the call's 15-minute slot, in the query's time zone.</summary>
    HourOfDay = 16,
}

/// <summary>Calendar periods of the query's time zone.</summary>
public enum Granularity
{
    None = 0,
    Hour = 1,
    Day = 2,
    Week = 3,
    Month = 4,
}

/// <summary>Which series count; an empty set means all.</summary>
public sealed record KpiFilter(IReadOnlySet<string> CampaignIds, IReadOnlySet<string> TeamIds, IReadOnlySet<string> OperatorIds)
{
    public static readonly KpiFilter All = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    public bool RestrictsCampaigns => CampaignIds.Count > 0;

    public bool Includes(SeriesKey series) =>
        (CampaignIds.Count == 0 || CampaignIds.Contains(series.CampaignId))
        && (TeamIds.Count == 0 || TeamIds.Contains(series.TeamId))
        && (OperatorIds.Count == 0 || OperatorIds.Contains(series.OperatorId));
}

/// <summary>KPIs over [<see cref="From"/>, <see cref="To"/>), both on 15-minute boundaries.</summary>
public sealed record KpiQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    KpiFilter Filter,
    GroupDimensions GroupBy,
    Granularity Granularity,
    TimeZoneInfo TimeZone)
{
    /// <summary>Longest range one query may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(3 * 366);
}

/// <summary>One result row: the group's keys (null when not grouped by that dimension) and its figures.</summary>
public sealed record KpiGroupResult(
    string? OperatorId,
    string? TeamId,
    string? CampaignId,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    Counting.KpiCounters Counters,
    double LoggedHours,
    bool LoggedHoursEstimated,
    Kpis.KpiSet Kpis)
{
    /// <summary>The local weekday, when grouped by weekday.</summary>
    public LocalHour.Day? Weekday { get; init; }

    /// <summary>The local hour (0-23), when grouped by hour of day.</summary>
    public int? HourOfDay { get; init; }
}
