using KpiGrpc.Cli.Import.Checkpoints;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// What happened to the lines of one file, in counts: rejected lines are streamed to --rejects,
/// and only the first few are kept to show on the terminal.
/// </summary>
internal sealed class ImportTally(string fileName, ImportCounts? counts = null, int examplesKept = 20)
{
    private readonly Lock _lock = new();
    private readonly List<RejectedLine> _examples = [];

    public string FileName { get; } = fileName;

    public ImportCounts Counts { get; } = counts ?? new ImportCounts();

    public long Accepted => Counts.Accepted;

    public long Duplicates => Counts.Duplicates;

    public long Replaced => Counts.Replaced;

    public long Stale => Counts.Stale;

    public long Rejected => Counts.Rejected;

    /// <summary>Line after which this run started, when it resumed an earlier one.</summary>
    public int ResumedAfterLine { get; init; }

    /// <summary>The file was fully imported by an earlier run; nothing was sent.</summary>
    public bool AlreadyDone { get; init; }

    /// <summary>The first rejected lines of this run, in file order.</summary>
    public IReadOnlyList<RejectedLine> Examples
    {
        get
        {
            lock (_lock)
            {
                return [.. _examples];
            }
        }
    }

    /// <summary>Counts an acknowledged batch and the rejected lines of its run (unreadable and refused).</summary>
    public void Add(BatchAck ack, IReadOnlyList<RejectedLine> rejected)
    {
        lock (_lock)
        {
            Counts.Accepted += ack.Accepted;
            Counts.Duplicates += ack.Duplicates;
            Counts.Replaced += ack.Replaced;
            Counts.Stale += ack.Stale;
            foreach (var line in rejected)
            {
                Counts.CountRejection(line.Field, line.Reason);
                if (_examples.Count < examplesKept)
                {
                    _examples.Add(line);
                }
            }
        }
    }

    public override string ToString() =>
        $"{FileName}: accepted {Accepted}, duplicates {Duplicates}, replaced {Replaced}, stale {Stale}, rejected {Rejected}";
}
