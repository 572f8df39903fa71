using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Mapping;

/// <summary>Proto query parts to Core; a value Core cannot take becomes a KpiRequestException naming the field.</summary>
public static class QueryMapper
{
    public static KpiQuery ToCore(V1.QueryKpisRequest request) => new(
        Instant(request.From, "from"),
        Instant(request.To, "to"),
        ToCore(request.Filter),
        ToCore(request.GroupBy),
        ToCore(request.Granularity),
        TimeZones.Find(request.TimeZone));

    public static KpiFilter ToCore(V1.KpiFilter? filter) =>
        filter is null || (filter.CampaignIds.Count == 0 && filter.TeamIds.Count == 0 && filter.OperatorIds.Count == 0)
            ? KpiFilter.All
            : new KpiFilter(
                filter.CampaignIds.ToHashSet(StringComparer.Ordinal),
                filter.TeamIds.ToHashSet(StringComparer.Ordinal),
                filter.OperatorIds.ToHashSet(StringComparer.Ordinal));

    public static GroupDimensions ToCore(RepeatedField<V1.GroupDimension> groupBy)
    {
        var dimensions = GroupDimensions.None;
        foreach (var dimension in groupBy)
        {
            dimensions |= dimension switch
            {
                V1.GroupDimension.Operator => GroupDimensions.Operator,
                V1.GroupDimension.Team => GroupDimensions.Team,
                V1.GroupDimension.Campaign => GroupDimensions.Campaign,
                V1.GroupDimension.Weekday => GroupDimensions.Weekday,
                V1.GroupDimension.HourOfDay => GroupDimensions.HourOfDay,
                _ => throw new KpiRequestException("group_by", $"group_by holds {dimension}: use GROUP_DIMENSION_OPERATOR, _TEAM, _CAMPAIGN, _WEEKDAY or _HOUR_OF_DAY"),
            };
        }

        return dimensions;
    }

    public static Granularity ToCore(V1.Granularity granularity) => granularity switch
    {
        V1.Granularity.Unspecified => Granularity.None,
        V1.Granularity.Hour => Granularity.Hour,
        V1.Granularity.Day => Granularity.Day,
        V1.Granularity.Week => Granularity.Week,
        V1.Granularity.Month => Granularity.Month,
        _ => throw new KpiRequestException("granularity", $"granularity {(int)granularity} is not one of HOUR, DAY, WEEK or MONTH"),
    };

    /// <summary>A missing timestamp is left for the engine to report as required; an unrepresentable one is named here.</summary>
    public static DateTimeOffset Instant(Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return default;
        }

        return ProtoTime.TryToInstant(timestamp, out var instant)
            ? instant
            : throw new KpiRequestException(field, $"{field} is not a valid timestamp");
    }
}
