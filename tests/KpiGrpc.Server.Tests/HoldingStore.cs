using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;

namespace KpiGrpc.Server.Tests;

/// <summary>A store that, once told to, holds the next batch of calls until released: a slow commit on demand.</summary>
internal sealed class HoldingStore(IKpiStore store) : IKpiStore
{
    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _release;

    /// <summary>Completes once a batch is being held.</summary>
    public Task Holding => _holding.Task;

    public IRollupSource Rollups => store.Rollups;

    public StoreHealth Health => store.Health;

    public event Action<RollupChange>? Changed
    {
        add => store.Changed += value;
        remove => store.Changed -= value;
    }

    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release?.TrySetResult();

    public async Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken)
    {
        if (_release is { } release)
        {
            _holding.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        }

        return await store.StoreCallsAsync(calls, cancellationToken);
    }

    public Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken) =>
        store.StoreResultsAsync(results, cancellationToken);

    public Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken) =>
        store.StoreSessionsAsync(sessions, cancellationToken);

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
