using Google.Protobuf;
using KpiGrpc.Cli.Import.Checkpoints;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// Records each acknowledged batch, in this order: the tally, the rejected lines in --rejects,
/// then the checkpoint. A kill between two steps replays the batch: harmless, since the server
/// counts a record it already holds as a duplicate, and the rejects file is cut back on resume.
/// </summary>
internal sealed class ImportJournal(ImportTally tally, RejectsFile rejects, CheckpointStore? store, CheckpointEntry entry)
{
    public ImportTally Tally { get; } = tally;

    /// <summary>The line after which this run starts (0: the beginning).</summary>
    public int StartAfterLine { get; } = entry.Line;

    public long FirstBatchId { get; } = entry.NextBatchId;

    public void Commit<T>(ImportBatch<T> batch, BatchAck ack)
        where T : class
    {
        var rejected = Rejected(batch, ack);
        Tally.Add(ack, rejected);
        rejects.Write(rejected);
        if (store is null)
        {
            return;
        }

        entry.Line = batch.LastLine;
        entry.Lines += batch.Lines;
        entry.NextBatchId = batch.Id + 1;
        entry.Counts = Tally.Counts;
        entry.RejectsPath = rejects.Path;
        entry.RejectsLength = rejects.Length;
        store.Replace(entry);
        store.Save();
    }

    /// <summary>Marks the file done, so that --resume skips it next time.</summary>
    public void Complete()
    {
        if (store is null)
        {
            return;
        }

        entry.Done = true;
        entry.Counts = Tally.Counts;
        entry.RejectsPath = rejects.Path;
        entry.RejectsLength = rejects.Length;
        store.Replace(entry);
        store.Save();
    }

    /// <summary>The batch's unreadable lines and the records the server refused, in line order.</summary>
    private List<RejectedLine> Rejected<T>(ImportBatch<T> batch, BatchAck ack)
        where T : class
    {
        if (batch.Unreadable.Count == 0 && ack.Rejections.Count == 0)
        {
            return [];
        }

        var rejected = new List<RejectedLine>(batch.Unreadable);
        foreach (var rejection in ack.Rejections)
        {
            var known = rejection.Index >= 0 && rejection.Index < batch.Records.Count;
            rejected.Add(new RejectedLine(
                Tally.FileName,
                known ? batch.LineNumbers[rejection.Index] : 0,
                rejection.Field,
                rejection.Reason,
                rejection.RecordId,
                Record: known && batch.Records[rejection.Index] is IMessage message ? JsonFormatter.Default.Format(message) : ""));
        }

        rejected.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return rejected;
    }
}
