using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Rollups;

/// <summary>Reads 15-minute rollups; the query engine's only view of the data.</summary>
public interface IRollupSource
{
    /// <summary>
    /// Visits every series, and within each accepted series its non-empty slots in
    /// [<paramref name="fromSlot"/>, <paramref name="toSlot"/>) in ascending order.
    /// </summary>
    ValueTask ScanAsync(long fromSlot, long toSlot, IRollupVisitor visitor, CancellationToken cancellationToken);
}

/// <summary>Receives rollups series by series.</summary>
public interface IRollupVisitor
{
    /// <summary>Starts a series; returning false skips it (e.g. filtered out).</summary>
    bool BeginSeries(SeriesKey series);

    /// <summary>One non-empty slot of the current series.</summary>
    void Visit(long slot, in KpiCounters counters);

    /// <summary>Ends the current series.</summary>
    void EndSeries();
}
