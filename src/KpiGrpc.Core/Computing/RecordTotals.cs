using KpiGrpc.Core.Ingest;

namespace KpiGrpc.Core.Computing;

/// <summary>How many records of one kind a whole computation counted, by outcome.</summary>
public sealed class RecordTotals
{
    public long Accepted { get; private set; }

    public long Duplicates { get; private set; }

    public long Replaced { get; private set; }

    public long Stale { get; private set; }

    public long Rejected { get; private set; }

    public long Total => Accepted + Duplicates + Replaced + Stale + Rejected;

    internal void Add(BatchResult batch)
    {
        Accepted += batch.Accepted;
        Duplicates += batch.Duplicates;
        Replaced += batch.Replaced;
        Stale += batch.Stale;
        Rejected += batch.Rejections.Count;
    }
}
