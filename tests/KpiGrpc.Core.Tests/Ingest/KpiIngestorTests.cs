using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Ingest;

public sealed class KpiIngestorTests
{
    private readonly RecordingStore _store = new();
    private readonly KpiIngestor _ingestor;

    public KpiIngestorTests() => _ingestor = new KpiIngestor(_store, new RecordValidator(new FixedTimeProvider(Now)));

    [Fact]
    public async Task RecordCallsAsync_MixedBatch_RejectsInvalidByIndexAndStoresOnlyValid()
    {
        var batch = new[]
        {
            Call(id: "a"),
            Call(id: "b", operatorId: ""),
            Call(id: "c"),
            Call(id: "d", outcome: CallOutcome.Busy, talkSeconds: 12),
        };

        var result = await _ingestor.RecordCallsAsync(batch, CancellationToken.None);

        Assert.Equal(["a", "c"], _store.Calls.Select(call => call.CallId));
        Assert.Collection(
            result.Rejections,
            rejection => Assert.Equal((1, "b", "operator_id"), (rejection.Index, rejection.RecordId, rejection.Violation.Field)),
            rejection => Assert.Equal((3, "d", "talk_seconds"), (rejection.Index, rejection.RecordId, rejection.Violation.Field)));
        Assert.Equal(2, result.Accepted);
        Assert.Equal(batch.Length, result.Total);
    }

    [Fact]
    public async Task RecordCallsAsync_StoreReportsDuplicateAndStale_CountsAddUpToBatch()
    {
        _store.Outcomes = [IngestOutcome.Accepted, IngestOutcome.Duplicate, IngestOutcome.Replaced, IngestOutcome.Stale];
        var batch = new[] { Call(id: "a"), Call(id: "b"), Call(id: ""), Call(id: "c"), Call(id: "d") };

        var result = await _ingestor.RecordCallsAsync(batch, CancellationToken.None);

        Assert.Equal((1, 1, 1, 1, 1), (result.Accepted, result.Duplicates, result.Replaced, result.Stale, result.Rejections.Count));
        Assert.Equal(5, result.Total);
    }

    [Fact]
    public async Task RecordCallsAsync_EveryRecordInvalid_NeverCallsTheStore()
    {
        var batch = new[] { Call(id: ""), Call(revision: -1) };

        var result = await _ingestor.RecordCallsAsync(batch, CancellationToken.None);

        Assert.Equal(0, _store.StoreCalls);
        Assert.Equal(2, result.Rejections.Count);
        Assert.Equal(0, result.Accepted);
    }

    [Fact]
    public async Task RecordCallsAsync_OverMaxBatchSize_ThrowsWithoutStoring()
    {
        var batch = Enumerable.Repeat(Call(), KpiIngestor.MaxBatchSize + 1).ToArray();

        var ex = await Assert.ThrowsAsync<BatchTooLargeException>(() => _ingestor.RecordCallsAsync(batch, CancellationToken.None));

        Assert.Equal((50_001, 50_000), (ex.Size, ex.Limit));
        Assert.Contains("Split it", ex.Message);
        Assert.Equal(0, _store.StoreCalls);
    }

    [Fact]
    public async Task RecordResultsAsync_UnspecifiedResult_RejectedWithCallId()
    {
        var batch = new[]
        {
            new AppointmentResult("call-1", AppointmentResultKind.Sale, Now),
            new AppointmentResult("call-2", 0, Now),
        };

        var result = await _ingestor.RecordResultsAsync(batch, CancellationToken.None);

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((1, "call-2", "result"), (rejection.Index, rejection.RecordId, rejection.Violation.Field));
        Assert.Equal("call-1", Assert.Single(_store.Results).CallId);
    }

    [Fact]
    public async Task RecordSessionsAsync_SessionEndingBeforeStart_RejectedWithSessionId()
    {
        var batch = new[]
        {
            Session(Now.AddHours(-1), Now.AddHours(-2), id: "s-backwards"),
            Session(Now.AddHours(-2), Now.AddHours(-1), id: "s-ok"),
        };

        var result = await _ingestor.RecordSessionsAsync(batch, CancellationToken.None);

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((0, "s-backwards", "ended_at"), (rejection.Index, rejection.RecordId, rejection.Violation.Field));
        Assert.Equal("s-ok", Assert.Single(_store.Sessions).SessionId);
        Assert.Equal(1, result.Accepted);
    }

    /// <summary>Keeps what it is given and answers with scripted outcomes (Accepted by default).</summary>
    private sealed class RecordingStore : IKpiStore
    {
        public List<CallRecord> Calls { get; } = [];

        public List<AppointmentResult> Results { get; } = [];

        public List<OperatorSession> Sessions { get; } = [];

        public int StoreCalls { get; private set; }

        public IReadOnlyList<IngestOutcome>? Outcomes { get; set; }

        public IRollupSource Rollups { get; } = new RollupIndex();

        // The ingestor never watches the store.
        public event Action<RollupChange>? Changed { add { } remove { } }

        public StoreHealth Health => StoreHealth.Writable;

        public Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken) =>
            Store(Calls, calls);

        public Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken) =>
            Store(Results, results);

        public Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken) =>
            Store(Sessions, sessions);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task<IReadOnlyList<IngestOutcome>> Store<T>(List<T> kept, IReadOnlyList<T> batch)
        {
            StoreCalls++;
            kept.AddRange(batch);
            IReadOnlyList<IngestOutcome> outcomes = Outcomes ?? batch.Select(_ => IngestOutcome.Accepted).ToList();
            return Task.FromResult(outcomes);
        }
    }
}
