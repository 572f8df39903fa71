using System.Globalization;
using System.Text;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// What makes two watches compute the same figures, so that they share one feed: the window
/// (a since instant counts by its 15-minute slot), filter, grouping, granularity, time zone and
/// coalesce interval, in a canonical form (filter ids sorted and length-prefixed).
/// </summary>
public readonly record struct WatchKey(string Canonical)
{
    public static WatchKey Of(WatchPlan plan)
    {
        var text = new StringBuilder();
        var window = plan.CurrentPeriod is { } period
            ? $"current:{period}"
            : $"since:{Core.Rollups.TimeBuckets.SlotOf(plan.Since!.Value)}";
        text.Append(CultureInfo.InvariantCulture,
            $"{window}|{plan.GroupBy}|{plan.Granularity}|{plan.TimeZone.Id}|{plan.CoalesceInterval.Ticks}");
        AppendIds(text, 'c', plan.Filter.CampaignIds);
        AppendIds(text, 't', plan.Filter.TeamIds);
        AppendIds(text, 'o', plan.Filter.OperatorIds);
        return new WatchKey(text.ToString());
    }

    private static void AppendIds(StringBuilder text, char dimension, IReadOnlySet<string> ids)
    {
        text.Append('|').Append(dimension);
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{id.Length}:{id}");
        }
    }
}
