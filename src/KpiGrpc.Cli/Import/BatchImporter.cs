using System.Runtime.ExceptionServices;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// Streams a file through an import RPC in batches, keeping a few in flight and matching each
/// acknowledgement to its batch. When the stream fails for a transient reason it opens a new
/// one (through the retry pipeline) and resends from the first unacknowledged batch.
/// </summary>
internal sealed class BatchImporter(int batchSize, RetrySettings retry, int maxBatchesInFlight = 4)
{
    /// <summary>How long a failed write waits for the stream's own status, which says more than the write's error.</summary>
    private static readonly TimeSpan StatusWait = TimeSpan.FromSeconds(5);

    public async Task<ImportTally> RunAsync<T>(
        IRecordFile<T> file,
        Func<CancellationToken, IImportStream<T>> openStream,
        ImportJournal journal,
        IImportProgress progress,
        CancellationToken cancellationToken)
        where T : class
    {
        using var reader = new BatchReader<T>(file, batchSize, journal.StartAfterLine, journal.FirstBatchId);
        using var window = new InFlightWindow<T>(maxBatchesInFlight);
        var import = new Import<T>(file, openStream, reader, window, journal, progress);
        var pipeline = ImportRetry.Create(retry, (failure, number, delay) => progress.Retrying(
            $"{TransientFailures.Describe(failure)}; retry {number}/{retry.MaxRetries} in {delay.TotalSeconds:0.0} s"));
        try
        {
            // A stream that got batches acknowledged before failing earns a fresh retry budget: the
            // budget is for a server that does not answer, not for a long import's occasional reset.
            while (!await pipeline.ExecuteAsync(token => new ValueTask<bool>(StreamAsync(import, token)), cancellationToken))
            {
            }
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ImportInterruptedException(
                $"{file.Name}: gave up after {retry.MaxRetries} retries ({TransientFailures.Describe(ex)}); "
                + "the acknowledged lines are in the checkpoint: run the same command with --resume to continue");
        }

        journal.Complete();
        progress.Complete(file.Length);
        return journal.Tally;
    }

    /// <summary>One stream: true when the file is done, false when it failed after some progress.</summary>
    private static async Task<bool> StreamAsync<T>(Import<T> import, CancellationToken cancellationToken)
        where T : class
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stream = import.OpenStream(attempt.Token);
        var acknowledgedBefore = import.Window.Acknowledged;
        var acks = Task.Run(() => ReadAcksAsync(import, stream, attempt.Token), CancellationToken.None);
        try
        {
            foreach (var batch in import.Window.Snapshot())
            {
                await SendAsync(stream, batch, acks, attempt.Token);
            }

            while (true)
            {
                await import.Window.EnterAsync(acks, attempt.Token);
                if (!import.Reader.TryRead(out var batch))
                {
                    import.Window.Leave();
                    break;
                }

                import.Window.Add(batch);
                await SendAsync(stream, batch, acks, attempt.Token);
                import.Progress.Read(import.File.BytesRead);
            }

            await stream.CompleteAsync();
            await acks;
            return import.Window.IsEmpty
                ? true
                : throw new ImportStreamEndedException("the server ended the import stream before acknowledging every batch");
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex)
            && import.Window.Acknowledged > acknowledgedBefore
            && !cancellationToken.IsCancellationRequested)
        {
            // The server's retry_delay holds here too (a full disk ends a stream that stored batches).
            var wait = TransientFailures.ServerRetryDelay(ex) ?? TimeSpan.Zero;
            import.Progress.Retrying(wait > TimeSpan.Zero
                ? $"{TransientFailures.Describe(ex)}; reconnecting in {wait.TotalSeconds:0.0} s"
                : $"{TransientFailures.Describe(ex)}; reconnecting");
            await Task.Delay(wait, cancellationToken);
            return false;
        }
        finally
        {
            await attempt.CancelAsync();
            await acks.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private static async Task SendAsync<T>(IImportStream<T> stream, ImportBatch<T> batch, Task acks, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await stream.SendAsync(batch.Id, batch.Records, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The write only knows the call is over; the response stream knows why.
            await Task.WhenAny(acks, Task.Delay(StatusWait, CancellationToken.None));
            if (acks.IsFaulted)
            {
                ExceptionDispatchInfo.Capture(acks.Exception.InnerException!).Throw();
            }

            throw;
        }
    }

    private static async Task ReadAcksAsync<T>(Import<T> import, IImportStream<T> stream, CancellationToken cancellationToken)
        where T : class
    {
        await foreach (var ack in stream.ReadAcksAsync(cancellationToken))
        {
            var batch = import.Window.Expect(ack.BatchId);
            import.Journal.Commit(batch, ack.Ack);
            import.Window.RemoveOldest();
            import.Progress.Acknowledged(batch.Lines);
        }
    }

    /// <summary>The state of one file's import that outlives its streams.</summary>
    private sealed record Import<T>(
        IRecordFile<T> File,
        Func<CancellationToken, IImportStream<T>> OpenStream,
        BatchReader<T> Reader,
        InFlightWindow<T> Window,
        ImportJournal Journal,
        IImportProgress Progress)
        where T : class;
}
