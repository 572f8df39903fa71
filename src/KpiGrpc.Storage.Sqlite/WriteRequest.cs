using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>One caller's batch waiting for the writer; completed once its transaction is committed.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<IReadOnlyList<IngestOutcome>> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken CancellationToken => cancellationToken;

    public Task<IReadOnlyList<IngestOutcome>> Completion => _completion.Task;

    public abstract int Count { get; }

    /// <summary>Applies every record; the outcomes wait for the commit.</summary>
    public abstract IngestOutcome[] Apply(SqliteLedger ledger);

    public void Succeed(IngestOutcome[] outcomes) => _completion.TrySetResult(outcomes);

    public void Fail(Exception error) => _completion.TrySetException(error);

    public void Cancel() => _completion.TrySetCanceled(cancellationToken);
}

internal sealed class WriteRequest<T>(IReadOnlyList<T> records, Func<SqliteLedger, T, IngestOutcome> apply, CancellationToken cancellationToken)
    : WriteRequest(cancellationToken)
{
    public override int Count => records.Count;

    public override IngestOutcome[] Apply(SqliteLedger ledger)
    {
        var outcomes = new IngestOutcome[records.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = apply(ledger, records[i]);
        }

        return outcomes;
    }
}
