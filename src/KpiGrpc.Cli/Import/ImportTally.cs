using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>What happened to the lines of one file. Updated by the reader and the ack loop at once.</summary>
internal sealed class ImportTally(string fileName)
{
    private readonly Lock _lock = new();
    private readonly List<RejectedLine> _rejected = [];

    public string FileName { get; } = fileName;

    public long Accepted { get; private set; }

    public long Duplicates { get; private set; }

    public long Replaced { get; private set; }

    public long Stale { get; private set; }

    public long Rejected
    {
        get
        {
            lock (_lock)
            {
                return _rejected.Count;
            }
        }
    }

    /// <summary>Every rejected line, in file order.</summary>
    public IReadOnlyList<RejectedLine> RejectedLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _rejected.OrderBy(r => r.LineNumber)];
            }
        }
    }

    public void RejectLocally(int lineNumber, string reason)
    {
        lock (_lock)
        {
            _rejected.Add(new RejectedLine(FileName, lineNumber, reason));
        }
    }

    /// <summary>Adds a batch's ack; <paramref name="lineNumbers"/> maps each index of the batch to its line.</summary>
    public void Add(BatchAck ack, IReadOnlyList<int> lineNumbers)
    {
        lock (_lock)
        {
            Accepted += ack.Accepted;
            Duplicates += ack.Duplicates;
            Replaced += ack.Replaced;
            Stale += ack.Stale;
            foreach (var rejection in ack.Rejections)
            {
                var line = rejection.Index >= 0 && rejection.Index < lineNumbers.Count ? lineNumbers[rejection.Index] : 0;
                var record = rejection.RecordId.Length > 0 ? $" (record {rejection.RecordId})" : "";
                _rejected.Add(new RejectedLine(FileName, line, rejection.Reason + record));
            }
        }
    }

    public override string ToString() =>
        $"{FileName}: accepted {Accepted}, duplicates {Duplicates}, replaced {Replaced}, stale {Stale}, rejected {Rejected}";
}
