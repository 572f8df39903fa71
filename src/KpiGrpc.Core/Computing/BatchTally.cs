using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Computing;

/// <summary>Counts the fate of each record of one batch as it is added; allocates only for rejections.</summary>
internal struct BatchTally
{
    private int _accepted;
    private int _duplicates;
    private int _replaced;
    private int _stale;
    private List<RecordRejection>? _rejections;

    public void Add(IngestOutcome outcome)
    {
        switch (outcome)
        {
            case IngestOutcome.Accepted: _accepted++; break;
            case IngestOutcome.Duplicate: _duplicates++; break;
            case IngestOutcome.Replaced: _replaced++; break;
            case IngestOutcome.Stale: _stale++; break;
        }
    }

    public void Reject(int index, string recordId, RecordViolation violation) =>
        (_rejections ??= []).Add(new RecordRejection(index, recordId, violation));

    public readonly BatchResult ToResult() =>
        new(_accepted, _duplicates, _replaced, _stale, _rejections is null ? Array.Empty<RecordRejection>() : _rejections);
}
