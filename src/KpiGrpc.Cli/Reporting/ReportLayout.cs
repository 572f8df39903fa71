using KpiGrpc.Cli.Time;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Reporting;

/// <summary>Which key columns a report has: the requested group dimensions, then the period when split by time.</summary>
/// <param name="GroupBy">Requested dimensions in column order: operator, team, campaign.</param>
internal sealed record ReportLayout(IReadOnlyList<GroupDimension> GroupBy, Granularity Granularity, TimeZoneInfo Zone)
{
    /// <summary>The KPI columns, in catalogue order: every KPI unless <c>--kpis</c> chose some.</summary>
    public IReadOnlyList<KpiColumn> Kpis { get; init; } = ReportColumns.Kpis;

    public bool HasPeriod => Granularity != Granularity.Unspecified;

    /// <summary>The zone as the server expects it ("" for UTC).</summary>
    public string TimeZoneId => Zone == TimeZoneInfo.Utc ? "" : Zone.Id;

    /// <summary>The key columns, e.g. operator_id, campaign_id, period_start.</summary>
    public IReadOnlyList<string> KeyColumns =>
        [.. GroupBy.Select(ColumnName), .. HasPeriod ? ["period_start"] : Array.Empty<string>()];

    /// <summary>The values of <see cref="KeyColumns"/> for one group.</summary>
    public IReadOnlyList<string> KeyValues(GroupKey key) =>
        [.. GroupBy.Select(d => Value(key, d)), .. HasPeriod ? [PeriodStart(key)] : Array.Empty<string>()];

    /// <summary>ISO-8601 start of the group's period in the report's zone, with its offset.</summary>
    public string PeriodStart(GroupKey key) =>
        key.PeriodStart is null ? "" : LocalCalendar.Format(key.PeriodStart.ToDateTimeOffset(), Zone);

    /// <summary>The period as people read it: the local date, with the hour when split by hour.</summary>
    public string PeriodLabel(GroupKey key)
    {
        if (key.PeriodStart is null)
        {
            return "";
        }

        var local = TimeZoneInfo.ConvertTime(key.PeriodStart.ToDateTimeOffset(), Zone);
        var format = Granularity == Granularity.Hour ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd";
        return local.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Key values for a table: <see cref="KeyValues"/> with the weekday named and the period shortened to <see cref="PeriodLabel"/>.</summary>
    public IReadOnlyList<string> KeyLabels(GroupKey key) =>
        [.. GroupBy.Select(d => Label(key, d)), .. HasPeriod ? [PeriodLabel(key)] : Array.Empty<string>()];

    /// <summary>Whether a key column holds a number (the local weekday, 1 = Monday, and hour), not an id.</summary>
    public static bool IsNumeric(string column) => column is "weekday" or "hour_of_day";

    private static string ColumnName(GroupDimension dimension) => dimension switch
    {
        GroupDimension.Operator => "operator_id",
        GroupDimension.Team => "team_id",
        GroupDimension.Campaign => "campaign_id",
        GroupDimension.Weekday => "weekday",
        GroupDimension.HourOfDay => "hour_of_day",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private static string Value(GroupKey key, GroupDimension dimension) => dimension switch
    {
        GroupDimension.Operator => key.OperatorId,
        GroupDimension.Team => key.TeamId,
        GroupDimension.Campaign => key.CampaignId,
        GroupDimension.Weekday => key.Weekday != Weekday.Unspecified ? Invariant.Number((int)key.Weekday) : "",
        GroupDimension.HourOfDay => Invariant.Number(key.HourOfDay),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private static string Label(GroupKey key, GroupDimension dimension) => dimension switch
    {
        GroupDimension.Weekday when key.Weekday is >= Weekday.Monday and <= Weekday.Sunday =>
            System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames[(int)key.Weekday % 7],
        GroupDimension.HourOfDay => $"{key.HourOfDay:00}h",
        _ => Value(key, dimension),
    };
}
