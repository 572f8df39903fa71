using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Mapping;

/// <summary>Core group results to proto groups; unset stays unset (no dimension, no KPI).</summary>
public static class KpiGroupMapper
{
    public static V1.KpiGroup ToProto(KpiGroupResult result) => new()
    {
        Key = ToProtoKey(result),
        Counts = ToProto(result.Counters, result.LoggedHours, result.LoggedHoursEstimated),
        Kpis = ToProto(result.Kpis),
    };

    /// <summary>A group that vanished from a watch window: its key with zero counts and no KPIs.</summary>
    public static V1.KpiGroup ToProtoEmptied(V1.GroupKey key) => new()
    {
        Key = key,
        Counts = new V1.KpiCounts(),
        Kpis = new V1.Kpis(),
    };

    public static V1.GroupKey ToProtoKey(KpiGroupResult result)
    {
        var key = new V1.GroupKey();
        if (result.OperatorId is not null)
        {
            key.OperatorId = result.OperatorId;
        }

        if (result.TeamId is not null)
        {
            key.TeamId = result.TeamId;
        }

        if (result.CampaignId is not null)
        {
            key.CampaignId = result.CampaignId;
        }

        if (result.Weekday is { } weekday)
        {
            key.Weekday = (V1.Weekday)(int)weekday;
        }

        if (result.HourOfDay is { } hour)
        {
            key.HourOfDay = hour;
        }

        if (result.PeriodStart is { } start && result.PeriodEnd is { } end)
        {
            key.PeriodStart = ProtoTime.ToTimestamp(start);
            key.PeriodEnd = ProtoTime.ToTimestamp(end);
        }

        return key;
    }

    public static V1.KpiCounts ToProto(KpiCounters counters, double loggedHours, bool estimated) => new()
    {
        Dialed = counters.Dialed,
        Connected = counters.Connected,
        Answered = counters.Answered,
        Rejected = counters.Rejected,
        Pitched = counters.Pitched,
        Appointments = counters.Appointments,
        Sales = counters.Sales,
        Dropped = counters.Dropped,
        TalkSeconds = counters.TalkSeconds,
        LoggedHours = loggedHours,
        LoggedHoursEstimated = estimated,
    };

    public static V1.Kpis ToProto(KpiSet kpis)
    {
        var message = new V1.Kpis();
        foreach (var kpi in KpiCatalogue.All)
        {
            // Left unset when null: an absent KPI, never 0.
            if (kpis[kpi.Name] is { } value)
            {
                var proto = new V1.KpiValue { Value = value.Value, Status = (V1.KpiStatus)(int)value.Status, StatusCertain = value.StatusCertain };
                if (value.Interval is { } interval)
                {
                    proto.Interval = new V1.KpiInterval { Lower = interval.Lower, Upper = interval.Upper };
                }

                ProtoKpiFields.Set(message, kpi.Name, proto);
            }
        }

        return message;
    }
}
