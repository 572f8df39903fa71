using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Mapping;

/// <summary>Compute stream messages to Core and back.</summary>
public static class ComputeMapper
{
    /// <summary>Groups per response message: a few hundred kilobytes at most.</summary>
    public const int GroupsPerMessage = 1000;

    public static ComputeQuery ToCore(V1.ComputeKpisQuery query) => new(
        query.From is null ? null : QueryMapper.Instant(query.From, "query.from"),
        query.To is null ? null : QueryMapper.Instant(query.To, "query.to"),
        QueryMapper.ToCore(query.Filter),
        QueryMapper.ToCore(query.GroupBy),
        QueryMapper.ToCore(query.Granularity),
        TimeZones.Find(query.TimeZone, "query.time_zone"));

    /// <summary>The client's estimate of its distinct calls (a hint: negative counts as none, and Core caps it).</summary>
    public static int ExpectedCalls(V1.ComputeKpisQuery query) => (int)Math.Clamp(query.ExpectedCalls, 0, KpiComputation.MaxExpectedCalls);

    public static V1.ComputeKpisTotals ToProto(RecordTotals totals) => new()
    {
        Accepted = totals.Accepted,
        Duplicates = totals.Duplicates,
        Replaced = totals.Replaced,
        Stale = totals.Stale,
        Rejected = totals.Rejected,
    };

    public static V1.ComputeKpisSummary ToSummary(KpiComputation computation, ComputeResult result) => new()
    {
        From = result.From is { } from ? ProtoTime.ToTimestamp(from) : null,
        To = result.To is { } to ? ProtoTime.ToTimestamp(to) : null,
        Calls = ToProto(computation.CallTotals),
        Results = ToProto(computation.ResultTotals),
        Sessions = ToProto(computation.SessionTotals),
        GroupCount = result.Groups.Count,
    };

    /// <summary>The groups in messages of at most <see cref="GroupsPerMessage"/>.</summary>
    public static IEnumerable<V1.ComputeKpisGroups> ToChunks(IReadOnlyList<KpiGroupResult> groups)
    {
        for (var offset = 0; offset < groups.Count; offset += GroupsPerMessage)
        {
            var chunk = new V1.ComputeKpisGroups();
            for (var i = offset; i < Math.Min(offset + GroupsPerMessage, groups.Count); i++)
            {
                chunk.Groups.Add(KpiGroupMapper.ToProto(groups[i]));
            }

            yield return chunk;
        }
    }
}
