using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// Up to 300 different watch requests, as many wallboards would ask: five groupings, three
/// granularities, five time zones and four coalesce intervals. Request i of K is query i mod K.
/// </summary>
public static class WatchQueries
{
    public const int Count = 300;

    private static readonly GroupDimension[][] Groupings =
    [
        [GroupDimension.Operator], [GroupDimension.Team], [GroupDimension.Campaign],
        [GroupDimension.Operator, GroupDimension.Campaign], [GroupDimension.Team, GroupDimension.Campaign],
    ];

    private static readonly Granularity[] Granularities = [Granularity.Unspecified, Granularity.Day, Granularity.Week];
    private static readonly string[] Zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];
    private static readonly int[] CoalesceMilliseconds = [250, 500, 1000, 2000];

    /// <summary>Watches over everything since <paramref name="since"/> (watch-load: the generated month).</summary>
    public static WatchKpisRequest Since(DateTimeOffset since, int watcher, int distinct) =>
        Shape(watcher % distinct, new WatchKpisRequest { Since = Timestamp.FromDateTimeOffset(since) });

    /// <summary>Wallboards of the current day in their time zone (soak: live calls).</summary>
    public static WatchKpisRequest CurrentDay(int watcher, int distinct) =>
        Shape(watcher % distinct, new WatchKpisRequest { CurrentPeriod = CurrentPeriod.Day });

    private static WatchKpisRequest Shape(int query, WatchKpisRequest request)
    {
        request.GroupBy.AddRange(Groupings[query % 5]);
        request.Granularity = Granularities[query / 5 % 3];
        request.TimeZone = Zones[query / 15 % 5];
        request.CoalesceInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(CoalesceMilliseconds[query / 75 % 4]));
        return request;
    }
}
