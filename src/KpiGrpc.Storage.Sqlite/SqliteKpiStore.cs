using System.Threading.Channels;
using KpiGrpc.Core.Access;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// The embedded store. One writer owns the connection and commits the batches waiting for it
/// together (group commit): one fsync for many concurrent callers, each acknowledged only
/// after that commit. Rollups are written in the same transaction and mirrored in memory,
/// where queries read them.
/// </summary>
public sealed partial class SqliteKpiStore : IKpiStore
{
    /// <summary>Records committed together at most; bounds a transaction's size and latency.</summary>
    private const int MaxRecordsPerCommit = 200_000;

    /// <summary>How often a store whose last write failed tries a small write of its own.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteStoreOptions _options;
    private readonly StoreConnection _connection;
    private readonly SeriesTable _series;
    private readonly RecordTables _tables;
    private readonly RollupTable _rollupTable;
    private readonly RollupIndex _index = new();
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private Task _writer = Task.CompletedTask;
    private volatile StoreHealth _health = StoreHealth.Writable;

    private SqliteKpiStore(SqliteStoreOptions options, StoreConnection connection)
    {
        _options = options;
        _connection = connection;
        _series = new SeriesTable(connection);
        _tables = new RecordTables(connection, _series);
        _rollupTable = new RollupTable(connection, _series);
    }

    public IRollupSource Rollups => _index;

    public event Action<RollupChange>? Changed;

    public StoreHealth Health => _health;

    public Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken) =>
        EnqueueAsync(new WriteRequest<CallRecord>(calls, static (ledger, call) => IngestEngine.ApplyCall(ledger, call), cancellationToken));

    public Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken) =>
        EnqueueAsync(new WriteRequest<AppointmentResult>(results, IngestEngine.ApplyResult<SqliteLedger, CallRecord>, cancellationToken));

    public Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken) =>
        EnqueueAsync(new WriteRequest<OperatorSession>(sessions, IngestEngine.ApplySession<SqliteLedger, CallRecord>, cancellationToken));

    public Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CampaignScope scope, CancellationToken cancellationToken) =>
        scope.IsRestricted
            ? EnqueueAsync(new WriteRequest<CallRecord>(calls, (ledger, call) => ScopedIngest.ApplyCall(ledger, call, scope), cancellationToken))
            : StoreCallsAsync(calls, cancellationToken);

    public Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CampaignScope scope, CancellationToken cancellationToken) =>
        scope.IsRestricted
            ? EnqueueAsync(new WriteRequest<AppointmentResult>(results, (ledger, result) => ScopedIngest.ApplyResult(ledger, result, scope), cancellationToken))
            : StoreResultsAsync(results, cancellationToken);

    public Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CampaignScope scope, CancellationToken cancellationToken) =>
        scope.IsRestricted
            ? EnqueueAsync(new WriteRequest<OperatorSession>(sessions, (ledger, session) => ScopedIngest.ApplySession(ledger, session, scope), cancellationToken))
            : StoreSessionsAsync(sessions, cancellationToken);

    private Task<IReadOnlyList<IngestOutcome>> EnqueueAsync(WriteRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteKpiStore), "The store is shutting down.");
        }

        return request.Completion;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<WriteRequest>();
        while (await WaitForWritesAsync().ConfigureAwait(false))
        {
            var records = 0;
            while (records < MaxRecordsPerCommit && _queue.Reader.TryRead(out var request))
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                    continue;
                }

                group.Add(request);
                records += request.Count;
            }

            if (group.Count > 0)
            {
                CommitGroup(group);
                group.Clear();
            }
        }
    }

    /// <summary>
    /// Waits for batches. While the last write failed, it also probes every <see cref="ProbeInterval"/>,
    /// so that health comes back as soon as the disk takes writes, without waiting for a client to try.
    /// </summary>
    private ValueTask<bool> WaitForWritesAsync() =>
        _health.CanWrite ? _queue.Reader.WaitToReadAsync() : new ValueTask<bool>(ProbeUntilWritesAsync());

    private async Task<bool> ProbeUntilWritesAsync()
    {
        var ready = _queue.Reader.WaitToReadAsync().AsTask();
        while (!_health.CanWrite && await Task.WhenAny(ready, Task.Delay(ProbeInterval)).ConfigureAwait(false) != ready)
        {
            Probe();
        }

        return await ready.ConfigureAwait(false);
    }

    /// <summary>A small real write: the header page, through the WAL, fsynced, as a commit would be.</summary>
    private void Probe()
    {
        try
        {
            _connection.EndLeftoverTransaction();
            _connection.Execute($"PRAGMA user_version = {SqliteSchema.Version}");
            _health = StoreHealth.Writable;
        }
        catch (Exception error)
        {
            CannotWrite(error);
        }
    }

    private void CommitGroup(List<WriteRequest> group)
    {
        try
        {
            Commit(group);
            return;
        }
        catch (Exception error) when (group.Count > 1)
        {
            CannotWrite(error);
            // Something in the group failed: commit each batch alone so one bad batch fails alone.
            foreach (var request in group)
            {
                try { Commit([request]); }
                catch (Exception single) { request.Fail(CannotWrite(single)); }
            }
        }
        catch (Exception error)
        {
            group[0].Fail(CannotWrite(error));
        }
    }

    /// <summary>Records a failed write in <see cref="Health"/>; the error as the store's callers should see it.</summary>
    private Exception CannotWrite(Exception error)
    {
        var translated = StoreErrors.Translate(error, _options);
        _health = StoreHealth.CannotWrite(translated is StoreFullException full ? full.Problem : translated.Message);
        return translated;
    }

    private void Publish(RollupDelta delta)
    {
        if (delta.ToChange() is not { } change)
        {
            return;
        }

        try
        {
            Changed?.Invoke(change);
        }
        catch (Exception)
        {
            // A failing watcher must never undo or repeat a commit; watchers recompute on the next change.
        }
    }

    private void Commit(List<WriteRequest> group)
    {
        var delta = new RollupDelta();
        var outcomes = new IngestOutcome[group.Count][];
        var ledger = _tables.Ledger(delta);
        _connection.Begin();
        try
        {
            for (var i = 0; i < group.Count; i++)
            {
                outcomes[i] = group[i].Apply(ledger);
            }

            _rollupTable.Add(delta);
            _connection.Commit();
        }
        catch
        {
            // Whether SQLite rolled back itself (a full disk at COMMIT) or not, nothing of the
            // transaction stays: its series ids are forgotten, its rollups never reached memory.
            _series.RolledBack();
            _connection.RollBack();
            throw;
        }

        _series.Committed();
        _health = StoreHealth.Writable;
        _index.Apply(delta);

        // Watchers learn of the change before the callers' acks, so a read after an ack sees it.
        Publish(delta);
        for (var i = 0; i < group.Count; i++)
        {
            group[i].Succeed(outcomes[i]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: the host and a test may both dispose the store.
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        await _writer.ConfigureAwait(false);
        DisposeTables();
        _connection.Dispose();
    }

    private void DisposeTables()
    {
        _tables.Dispose();
        _rollupTable.Dispose();
        _series.Dispose();
    }
}
