using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Ingest;

/// <summary>A rejected record: its position in the batch, its id if any, and why.</summary>
public sealed record RecordRejection(int Index, string RecordId, RecordViolation Violation);

/// <summary>The per-record outcome of one batch; the counts add up to the batch size.</summary>
public sealed record BatchResult(int Accepted, int Duplicates, int Replaced, int Stale, IReadOnlyList<RecordRejection> Rejections)
{
    public int Total => Accepted + Duplicates + Replaced + Stale + Rejections.Count;

    public static BatchResult From(IReadOnlyList<IngestOutcome> outcomes, IReadOnlyList<RecordRejection> rejections)
    {
        int accepted = 0, duplicates = 0, replaced = 0, stale = 0;
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case IngestOutcome.Accepted: accepted++; break;
                case IngestOutcome.Duplicate: duplicates++; break;
                case IngestOutcome.Replaced: replaced++; break;
                case IngestOutcome.Stale: stale++; break;
            }
        }

        return new BatchResult(accepted, duplicates, replaced, stale, rejections);
    }
}
