namespace KpiGrpc.Cli.Import;

/// <summary>
/// The batches sent and not yet acknowledged, oldest first. Its capacity bounds the records the
/// importer holds, whatever the size of the file; it outlives a stream so that a new stream
/// resends exactly these batches.
/// </summary>
internal sealed class InFlightWindow<T>(int capacity) : IDisposable
    where T : class
{
    private readonly Queue<ImportBatch<T>> _batches = new();
    private readonly SemaphoreSlim _slots = new(capacity);
    private readonly Lock _lock = new();

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count == 0;
            }
        }
    }

    /// <summary>Batches acknowledged so far: tells whether a failed stream made progress.</summary>
    public long Acknowledged { get; private set; }

    /// <summary>The unacknowledged batches, oldest first, to resend on a new stream.</summary>
    public IReadOnlyList<ImportBatch<T>> Snapshot()
    {
        lock (_lock)
        {
            return [.. _batches];
        }
    }

    /// <summary>
    /// Waits for room for one more batch. Fails with the stream's own error, or
    /// <see cref="ImportStreamEndedException"/>, if the stream ends first.
    /// </summary>
    public async Task EnterAsync(Task acks, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = _slots.WaitAsync(abandon.Token);
        if (await Task.WhenAny(wait, acks) == wait)
        {
            await wait;
            return;
        }

        abandon.Cancel();
        try
        {
            await wait;
            _slots.Release(); // Acquired just as the stream ended: give the slot back.
        }
        catch (OperationCanceledException)
        {
        }

        await acks;
        throw new ImportStreamEndedException("the server ended the import stream before acknowledging every batch");
    }

    /// <summary>Gives back a slot taken by <see cref="EnterAsync"/> when no batch followed.</summary>
    public void Leave() => _slots.Release();

    public void Add(ImportBatch<T> batch)
    {
        lock (_lock)
        {
            _batches.Enqueue(batch);
        }
    }

    /// <summary>The batch an acknowledgement must answer: acks come in the order batches were sent.</summary>
    public ImportBatch<T> Expect(long batchId)
    {
        lock (_lock)
        {
            if (!_batches.TryPeek(out var oldest) || oldest.Id != batchId)
            {
                throw new ImportInterruptedException(
                    $"the server acknowledged batch {batchId} while batch {(oldest is null ? "none" : oldest.Id)} was expected");
            }

            return oldest;
        }
    }

    public void RemoveOldest()
    {
        lock (_lock)
        {
            _batches.Dequeue();
            Acknowledged++;
        }

        _slots.Release();
    }

    public void Dispose() => _slots.Dispose();
}
