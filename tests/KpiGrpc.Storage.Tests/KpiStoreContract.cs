using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;

namespace KpiGrpc.Storage.Tests;

/// <summary>
/// Behaviour every store must show: idempotency, corrections, late results, sessions.
/// A new engine (PostgreSQL) runs the same tests by deriving from this class.
/// </summary>
public abstract class KpiStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    protected IKpiStore Store { get; private set; } = null!;

    protected abstract Task<IKpiStore> OpenStoreAsync();

    public async Task InitializeAsync() => Store = await OpenStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static CallRecord Call(string id, CallOutcome outcome, string operatorId = "op-1", int revision = 0, double talk = 0, DateTimeOffset? at = null) =>
        new(id, "camp-1", operatorId, "team-1", "", at ?? Nine, outcome, talk, RemovalRequested: false, revision);

    protected static AppointmentResult Result(string callId, AppointmentResultKind kind, int minutesAfterNine) =>
        new(callId, kind, Nine.AddMinutes(minutesAfterNine));

    /// <summary>Totals per operator over the whole test day.</summary>
    protected async Task<IReadOnlyDictionary<string, KpiGroupResult>> TotalsByOperatorAsync(IKpiStore? store = null)
    {
        var engine = new KpiQueryEngine((store ?? Store).Rollups, BenchmarkCatalog.ArticleDefaults);
        var results = await engine.QueryAsync(
            new KpiQuery(Nine.Date.AddDays(-1), Nine.Date.AddDays(2), KpiFilter.All, GroupDimensions.Operator, Granularity.None, TimeZoneInfo.Utc),
            CancellationToken.None);
        return results.ToDictionary(result => result.OperatorId!);
    }

    [Fact]
    public async Task StoreCallsAsync_NewCalls_AcceptedAndCounted()
    {
        // Arrange
        CallRecord[] calls = [Call("c1", CallOutcome.Pitched, talk: 90), Call("c2", CallOutcome.Busy)];

        // Act
        var outcomes = await Store.StoreCallsAsync(calls, CancellationToken.None);

        // Assert
        Assert.Equal([IngestOutcome.Accepted, IngestOutcome.Accepted], outcomes);
        var totals = (await TotalsByOperatorAsync())["op-1"].Counters;
        Assert.Equal((2, 2, 1, 1, 90_000L), (totals.Dialed, totals.Connected, totals.Answered, totals.Pitched, totals.TalkMilliseconds));
    }

    [Fact]
    public async Task StoreCallsAsync_SameRecordTwice_DuplicateCountedOnce()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Answered, talk: 30)], CancellationToken.None);

        var outcomes = await Store.StoreCallsAsync([Call("c1", CallOutcome.Answered, talk: 30), Call("c1", CallOutcome.Answered, talk: 30)], CancellationToken.None);

        Assert.Equal([IngestOutcome.Duplicate, IngestOutcome.Duplicate], outcomes);
        Assert.Equal(1, (await TotalsByOperatorAsync())["op-1"].Counters.Dialed);
    }

    [Fact]
    public async Task StoreCallsAsync_HigherRevision_ReplacesAndOnlyLatestCounts()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Answered, operatorId: "op-1")], CancellationToken.None);

        var outcomes = await Store.StoreCallsAsync([Call("c1", CallOutcome.Appointment, operatorId: "op-2", revision: 1, talk: 200)], CancellationToken.None);

        Assert.Equal([IngestOutcome.Replaced], outcomes);
        var totals = await TotalsByOperatorAsync();
        Assert.False(totals.ContainsKey("op-1"));
        Assert.Equal((1, 1, 200_000L), (totals["op-2"].Counters.Dialed, totals["op-2"].Counters.Appointments, totals["op-2"].Counters.TalkMilliseconds));
    }

    [Fact]
    public async Task StoreCallsAsync_LowerRevision_StaleAndIgnored()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Pitched, revision: 2)], CancellationToken.None);

        var outcomes = await Store.StoreCallsAsync([Call("c1", CallOutcome.Busy, revision: 1)], CancellationToken.None);

        Assert.Equal([IngestOutcome.Stale], outcomes);
        Assert.Equal(1, (await TotalsByOperatorAsync())["op-1"].Counters.Pitched);
    }

    [Fact]
    public async Task StoreCallsAsync_EqualRevisionNewContent_Replaced()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Answered, talk: 10)], CancellationToken.None);

        var outcomes = await Store.StoreCallsAsync([Call("c1", CallOutcome.Answered, talk: 25)], CancellationToken.None);

        Assert.Equal([IngestOutcome.Replaced], outcomes);
        Assert.Equal(25_000, (await TotalsByOperatorAsync())["op-1"].Counters.TalkMilliseconds);
    }

    [Fact]
    public async Task StoreResultsAsync_ResultBeforeItsCall_SaleCountsWhenCallArrives()
    {
        var resultOutcomes = await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Sale, 60)], CancellationToken.None);
        Assert.Equal([IngestOutcome.Accepted], resultOutcomes);
        Assert.Empty(await TotalsByOperatorAsync());

        await Store.StoreCallsAsync([Call("c1", CallOutcome.Appointment, talk: 300)], CancellationToken.None);

        var totals = (await TotalsByOperatorAsync())["op-1"];
        Assert.Equal((1, 1), (totals.Counters.Appointments, totals.Counters.Sales));
        Assert.Equal(100.0, totals.Kpis[KpiName.CloseRate]!.Value.Value);
    }

    [Fact]
    public async Task StoreResultsAsync_LatestReportWins_OlderReportIsStale()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Appointment)], CancellationToken.None);
        await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Sale, 60)], CancellationToken.None);

        var later = await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Cancelled, 120)], CancellationToken.None);
        var older = await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Sale, 90)], CancellationToken.None);

        Assert.Equal([IngestOutcome.Replaced], later);
        Assert.Equal([IngestOutcome.Stale], older);
        Assert.Equal(0, (await TotalsByOperatorAsync())["op-1"].Counters.Sales);
    }

    [Fact]
    public async Task StoreCallsAsync_AppointmentCorrectedToPitched_SaleNoLongerCounts()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Appointment)], CancellationToken.None);
        await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Sale, 60)], CancellationToken.None);

        await Store.StoreCallsAsync([Call("c1", CallOutcome.Pitched, revision: 1)], CancellationToken.None);

        var counters = (await TotalsByOperatorAsync())["op-1"].Counters;
        Assert.Equal((0, 0, 1), (counters.Appointments, counters.Sales, counters.Pitched));
    }

    [Fact]
    public async Task StoreResultsAsync_ResultForNonAppointment_CountsNothing()
    {
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Pitched)], CancellationToken.None);

        await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Sale, 60)], CancellationToken.None);

        Assert.Equal(0, (await TotalsByOperatorAsync())["op-1"].Counters.Sales);
    }

    [Fact]
    public async Task StoreSessionsAsync_SessionResent_ReplacedAndLoggedTimeMoves()
    {
        var session = new OperatorSession("s1", "op-1", "team-1", "camp-1", Nine, Nine.AddHours(2));
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Busy)], CancellationToken.None);
        await Store.StoreSessionsAsync([session], CancellationToken.None);

        var again = await Store.StoreSessionsAsync([session], CancellationToken.None);
        var shorter = await Store.StoreSessionsAsync([session with { EndedAt = Nine.AddMinutes(30) }], CancellationToken.None);

        Assert.Equal([IngestOutcome.Duplicate], again);
        Assert.Equal([IngestOutcome.Replaced], shorter);
        var totals = (await TotalsByOperatorAsync())["op-1"];
        Assert.Equal(0.5, totals.LoggedHours, 6);
        Assert.False(totals.LoggedHoursEstimated);
    }

    [Fact]
    public async Task StoreCallsAsync_ManyConcurrentBatches_EveryCallCountedExactlyOnce()
    {
        // 20 callers x 500 calls, each call sent twice: group commits must not lose or double any.
        var batches = Enumerable.Range(0, 20)
            .Select(b => Enumerable.Range(0, 500).Select(i => Call($"c{b}-{i}", CallOutcome.Answered, operatorId: $"op-{b % 4}", at: Nine.AddMinutes(i % 60))).ToArray())
            .ToArray();

        var outcomes = await Task.WhenAll(batches.Concat(batches).Select(batch => Store.StoreCallsAsync(batch, CancellationToken.None)));

        Assert.Equal(10_000, outcomes.Sum(o => o.Count(x => x == IngestOutcome.Accepted)));
        Assert.Equal(10_000, outcomes.Sum(o => o.Count(x => x == IngestOutcome.Duplicate)));
        Assert.Equal(10_000, (await TotalsByOperatorAsync()).Values.Sum(total => total.Counters.Dialed));
    }

    [Fact]
    public async Task StoreCallsAsync_Committed_RaisesChangedWithSeriesAndSlot()
    {
        var changes = new List<RollupChange>();
        Store.Changed += changes.Add;

        await Store.StoreCallsAsync([Call("c1", CallOutcome.Busy, operatorId: "op-9")], CancellationToken.None);

        var change = Assert.Single(changes);
        Assert.Contains(new SeriesKey("camp-1", "team-1", "op-9"), change.Series);
        Assert.Equal(TimeBuckets.SlotOf(Nine), change.FirstSlot);
    }
}
