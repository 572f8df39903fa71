using KpiGrpc.Core.Access;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Storage;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Ingest;

/// <summary>
/// Validates each record of a batch, stores the valid ones and reports every record's fate.
/// An invalid record, or one outside the caller's campaign scope, never stops the other records of its batch.
/// </summary>
public sealed class KpiIngestor(IKpiStore store, RecordValidator validator)
{
    /// <summary>Largest batch accepted in one request, here and by ComputeKpis; the kpi tool checks --batch-size against it.</summary>
    public const int MaxBatchSize = 50_000;

    public Task<BatchResult> RecordCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken) =>
        RecordCallsAsync(calls, CampaignScope.Unrestricted, cancellationToken);

    public Task<BatchResult> RecordResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken) =>
        RecordResultsAsync(results, CampaignScope.Unrestricted, cancellationToken);

    public Task<BatchResult> RecordSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken) =>
        RecordSessionsAsync(sessions, CampaignScope.Unrestricted, cancellationToken);

    /// <summary>Stores the calls of <paramref name="scope"/>'s campaigns; a call of another campaign is rejected on its campaign_id.</summary>
    public Task<BatchResult> RecordCallsAsync(IReadOnlyList<CallRecord> calls, CampaignScope scope, CancellationToken cancellationToken) =>
        RecordAsync(
            calls, call => validator.Validate(call) ?? ScopeViolations.Of(call, scope), call => call.CallId, scope,
            (valid, token) => store.StoreCallsAsync(valid, scope, token), cancellationToken);

    /// <summary>Stores results of calls kept under <paramref name="scope"/>; any other result is rejected on its call_id.</summary>
    public Task<BatchResult> RecordResultsAsync(IReadOnlyList<AppointmentResult> results, CampaignScope scope, CancellationToken cancellationToken) =>
        RecordAsync(
            results, validator.Validate, result => result.CallId, scope,
            (valid, token) => store.StoreResultsAsync(valid, scope, token), cancellationToken);

    /// <summary>Stores sessions of <paramref name="scope"/>'s campaigns; any other session is rejected on its campaign_id.</summary>
    public Task<BatchResult> RecordSessionsAsync(IReadOnlyList<OperatorSession> sessions, CampaignScope scope, CancellationToken cancellationToken) =>
        RecordAsync(
            sessions, session => validator.Validate(session) ?? ScopeViolations.Of(session, scope), session => session.SessionId, scope,
            (valid, token) => store.StoreSessionsAsync(valid, scope, token), cancellationToken);

    private static async Task<BatchResult> RecordAsync<T>(
        IReadOnlyList<T> batch,
        Func<T, RecordViolation?> validate,
        Func<T, string> idOf,
        CampaignScope scope,
        Func<IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<IngestOutcome>>> storeAsync,
        CancellationToken cancellationToken)
    {
        if (batch.Count > MaxBatchSize)
        {
            throw new BatchTooLargeException(batch.Count, MaxBatchSize);
        }

        var valid = new List<T>(batch.Count);
        var validIndexes = new List<int>(batch.Count);
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
                validIndexes.Add(index);
            }
        }

        var outcomes = valid.Count == 0 ? [] : await storeAsync(valid, cancellationToken).ConfigureAwait(false);
        if (scope.IsRestricted)
        {
            // The store refused these inside its transaction (the id is kept under another campaign).
            var before = rejections.Count;
            for (var i = 0; i < outcomes.Count; i++)
            {
                if (outcomes[i] == IngestOutcome.OutOfScope)
                {
                    rejections.Add(new RecordRejection(validIndexes[i], idOf(valid[i]), ScopeViolations.StoredOutside(valid[i], scope)));
                }
            }

            if (rejections.Count > before)
            {
                rejections.Sort(static (a, b) => a.Index.CompareTo(b.Index));
            }
        }

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
