using System.Collections.Concurrent;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// Streams a CSV file through an import RPC in batches, keeping a few batches in flight and
/// matching each acknowledgement to its batch so a rejection maps back to its line.
/// </summary>
internal sealed class BatchImporter(int batchSize, int maxBatchesInFlight = 4)
{
    public async Task<ImportTally> RunAsync<T>(
        IRecordFile<T> file, IImportStream<T> stream, IImportProgress progress, CancellationToken cancellationToken)
        where T : class
    {
        var tally = new ImportTally(file.Name);
        using var window = new SemaphoreSlim(maxBatchesInFlight);
        var pending = new ConcurrentDictionary<long, int[]>();
        var acks = Task.Run(() => ReadAcksAsync(stream, pending, tally, window, progress, cancellationToken), cancellationToken);

        var records = new List<T>(batchSize);
        var lines = new List<int>(batchSize);
        long batchId = 0;
        foreach (var line in file.ReadLines())
        {
            if (!line.IsValid)
            {
                tally.RejectLocally(line.LineNumber, line.Error!);
                continue;
            }

            records.Add(line.Record!);
            lines.Add(line.LineNumber);
            if (records.Count == batchSize)
            {
                await SendAsync(++batchId);
            }
        }

        if (records.Count > 0)
        {
            await SendAsync(++batchId);
        }

        await stream.CompleteAsync();
        await acks;
        if (!pending.IsEmpty)
        {
            throw new ImportInterruptedException(
                $"{file.Name}: the server closed the import stream before acknowledging batch {pending.Keys.Min()}");
        }

        progress.Complete(file.Length);
        return tally;

        async Task SendAsync(long id)
        {
            var wait = window.WaitAsync(cancellationToken);
            if (await Task.WhenAny(wait, acks) == acks)
            {
                await acks;
                throw new ImportInterruptedException($"{file.Name}: the server closed the import stream early");
            }

            pending[id] = [.. lines];
            await stream.SendAsync(id, records, cancellationToken);
            records.Clear();
            lines.Clear();
            progress.Read(file.BytesRead);
        }
    }

    private static async Task ReadAcksAsync<T>(
        IImportStream<T> stream,
        ConcurrentDictionary<long, int[]> pending,
        ImportTally tally,
        SemaphoreSlim window,
        IImportProgress progress,
        CancellationToken cancellationToken)
    {
        await foreach (var ack in stream.ReadAcksAsync(cancellationToken))
        {
            if (!pending.TryRemove(ack.BatchId, out var lineNumbers))
            {
                throw new ImportInterruptedException($"the server acknowledged batch {ack.BatchId}, which was never sent");
            }

            tally.Add(ack.Ack, lineNumbers);
            progress.Acknowledged(lineNumbers.Length);
            window.Release();
        }
    }
}
