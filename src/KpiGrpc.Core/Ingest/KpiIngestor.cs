using KpiGrpc.Core.Records;
using KpiGrpc.Core.Storage;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Ingest;

/// <summary>
/// Validates each record of a batch, stores the valid ones and reports every record's fate.
/// An invalid record never stops the valid records of its batch.
/// </summary>
public sealed class KpiIngestor(IKpiStore store, RecordValidator validator)
{
    /// <summary>Largest batch accepted in one request, here and by ComputeKpis; the kpi tool checks --batch-size against it.</summary>
    public const int MaxBatchSize = 50_000;

    public Task<BatchResult> RecordCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken) =>
        RecordAsync(calls, validator.Validate, call => call.CallId, store.StoreCallsAsync, cancellationToken);

    public Task<BatchResult> RecordResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken) =>
        RecordAsync(results, validator.Validate, result => result.CallId, store.StoreResultsAsync, cancellationToken);

    public Task<BatchResult> RecordSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken) =>
        RecordAsync(sessions, validator.Validate, session => session.SessionId, store.StoreSessionsAsync, cancellationToken);

    private static async Task<BatchResult> RecordAsync<T>(
        IReadOnlyList<T> batch,
        Func<T, RecordViolation?> validate,
        Func<T, string> idOf,
        Func<IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<IngestOutcome>>> storeAsync,
        CancellationToken cancellationToken)
    {
        if (batch.Count > MaxBatchSize)
        {
            throw new BatchTooLargeException(batch.Count, MaxBatchSize);
        }

        var valid = new List<T>(batch.Count);
        var rejections = new List<RecordRejection>();
        for (var index = 0; index < batch.Count; index++)
        {
            var record = batch[index];
            if (validate(record) is { } violation)
            {
                rejections.Add(new RecordRejection(index, idOf(record), violation));
            }
            else
            {
                valid.Add(record);
            }
        }

        var outcomes = valid.Count == 0 ? [] : await storeAsync(valid, cancellationToken).ConfigureAwait(false);
        return BatchResult.From(outcomes, rejections);
    }
}

/// <summary>A batch over <see cref="KpiIngestor.MaxBatchSize"/> records: the client must split it.</summary>
public sealed class BatchTooLargeException(int size, int limit)
    : Exception($"A batch holds at most {limit} records; this one holds {size}. Split it into smaller batches.")
{
    public int Size { get; } = size;

    public int Limit { get; } = limit;
}
