using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Computing;

public sealed class KpiComputationTests : IDisposable
{
    private static readonly DateTimeOffset Nine = Utc(2026, 3, 10, 9);

    private readonly KpiComputation _computation = new(new RecordValidator(new FixedTimeProvider(Now)), BenchmarkCatalog.ArticleDefaults);

    public void Dispose() => _computation.Dispose();

    private static readonly ComputeQuery ByOperator = new(null, null, KpiFilter.All, GroupDimensions.Operator, Granularity.None, TimeZoneInfo.Utc);

    private BatchResult Add(params CallRecord[] calls) =>
        _computation.AddCalls(calls);

    [Fact]
    public async Task ComputeAsync_SameCallTwiceAndACorrection_CountsOnlyTheLatestVersionOnce()
    {
        // Arrange: c1 sent twice (duplicate), then corrected from answered to pitched (revision 1),
        // then an older revision arrives (stale).
        var first = Add(Call("c1", CallOutcome.Answered, Nine, talkSeconds: 30), Call("c1", CallOutcome.Answered, Nine, talkSeconds: 30));
        var corrected = Add(Call("c1", CallOutcome.Pitched, Nine, talkSeconds: 200, revision: 1), Call("c1", CallOutcome.Busy, Nine, revision: 0));

        // Act
        var result = await _computation.ComputeAsync(ByOperator, CancellationToken.None);

        // Assert
        Assert.Equal((1, 1), (first.Accepted, first.Duplicates));
        Assert.Equal((1, 1), (corrected.Replaced, corrected.Stale));
        var group = Assert.Single(result.Groups);
        Assert.Equal((1, 1, 200_000L), (group.Counters.Dialed, group.Counters.Pitched, group.Counters.TalkMilliseconds));
    }

    [Fact]
    public async Task ComputeAsync_SaleReportedForAnAppointment_CountsInCloseRate()
    {
        // 2 appointments, one sold -> close_rate = 1 / 2 x 100 = 50.
        Add(Call("a1", CallOutcome.Appointment, Nine, talkSeconds: 300), Call("a2", CallOutcome.Appointment, Nine.AddMinutes(5), talkSeconds: 400));
        _computation.AddResults([new AppointmentResult("a1", AppointmentResultKind.Sale, Nine.AddDays(1))]);

        var result = await _computation.ComputeAsync(ByOperator, CancellationToken.None);

        var group = Assert.Single(result.Groups);
        Assert.Equal(1, group.Counters.Sales);
        Assert.Equal(50.0, group.Kpis[KpiName.CloseRate]!.Value.Value, 6);
    }

    [Fact]
    public async Task ComputeAsync_NoBounds_RangeIsTheDataWidenedToSlots()
    {
        Add(Call("c1", CallOutcome.Busy, Nine.AddMinutes(7)), Call("c2", CallOutcome.Busy, Nine.AddMinutes(52)));

        var result = await _computation.ComputeAsync(ByOperator, CancellationToken.None);

        Assert.Equal((Nine, Nine.AddHours(1)), (result.From, result.To));
    }

    [Fact]
    public void AddCalls_InvalidRecord_RejectedAloneWithItsFieldAndIndex()
    {
        var batch = Add(Call("ok", CallOutcome.Busy, Nine), Call("bad", CallOutcome.Busy, Nine, talkSeconds: 12));

        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal((1, 1, "bad", "talk_seconds"), (batch.Accepted, rejection.Index, rejection.RecordId, rejection.Violation.Field));
    }

    [Fact]
    public void AddCalls_ColumnsWithAnIdStartingWithASpace_AcceptedByTheFullCheck()
    {
        // Arrange: " c1" is not a plain id (it takes the validator's full check) but is not blank,
        // and it is another call than "c1"; sent again it is a duplicate.
        var columns = new CallRecordColumns([Call(" c1", CallOutcome.Busy, Nine), Call("c1", CallOutcome.Busy, Nine), Call(" c1", CallOutcome.Busy, Nine)]);

        // Act
        var batch = _computation.AddCalls(columns);

        // Assert
        Assert.Empty(batch.Rejections);
        Assert.Equal((2, 1), (batch.Accepted, batch.Duplicates));
        Assert.Equal(2, _computation.DistinctCalls);
    }

    [Fact]
    public void AddCalls_ColumnsReferringToMoreIdsThanABatchCanHold_ThrowsBeforeCountingAny()
    {
        // Arrange: the same call, among 2^21 distinct ids (no client's batch has so many).
        var columns = new WithIds(new CallRecordColumns([Call("c1", CallOutcome.Busy, Nine)]), KpiComputation.MaxBatchIds);

        // Act
        var error = Assert.Throws<ArgumentException>(() => _computation.AddCalls(columns));

        // Assert
        Assert.Contains("2097151", error.Message);
        Assert.Equal(0, _computation.DistinctCalls);
    }

    [Fact]
    public void AddCalls_ColumnsWithBlankIds_RejectedAsRequired()
    {
        // Arrange
        var columns = new CallRecordColumns([Call("   ", CallOutcome.Busy, Nine), Call("ok", CallOutcome.Busy, Nine), Call("", CallOutcome.Busy, Nine)]);

        // Act
        var batch = _computation.AddCalls(columns);

        // Assert
        Assert.Equal(1, batch.Accepted);
        Assert.Equal(
            [(0, "   ", "call_id", "call_id is required"), (2, "", "call_id", "call_id is required")],
            batch.Rejections.Select(r => (r.Index, r.RecordId, r.Violation.Field, r.Violation.Reason)));
    }

    [Fact]
    public void AddCalls_ColumnsWithControlCharactersInIds_RejectedExactlyAsTheValidatorRejects()
    {
        // Arrange: ids the fast path reads as UTF-8 bytes (call_id, lead_id) and those checked
        // once per batch (campaign, operator, team), with control characters and without.
        CallRecord[] calls =
        [
            Call("c\0nul", CallOutcome.Busy, Nine), Call("c-del\u007F", CallOutcome.Busy, Nine),
            Call("c-nel\u0085", CallOutcome.Busy, Nine), Call("c-tab", CallOutcome.Busy, Nine, lead: "lead\t1"),
            Call("c-lead", CallOutcome.Busy, Nine, lead: "lead\u009F"), Call("c-camp", CallOutcome.Busy, Nine, campaign: "camp\u0001"),
            Call("c-team", CallOutcome.Busy, Nine, team: "team\r"), Call("c-op", CallOutcome.Busy, Nine, operatorId: "\nop"),
            Call("c-nbsp\u00A0é😀", CallOutcome.Busy, Nine, lead: "lead\u00A0é"), Call("c-plain", CallOutcome.Busy, Nine),
        ];
        var validator = new RecordValidator(new FixedTimeProvider(Now));
        var expected = calls.Select((call, index) => (index, validator.Validate(call))).Where(pair => pair.Item2 is not null).ToList();

        // Act
        var batch = _computation.AddCalls(new CallRecordColumns(calls));

        // Assert: the validator refuses every control character, and the computation agrees on each call.
        Assert.Equal(8, expected.Count);
        Assert.Equal(expected, batch.Rejections.Select(rejection => (rejection.Index, (RecordViolation?)rejection.Violation)));
        Assert.Equal(2, batch.Accepted);
    }

    [Fact]
    public async Task ComputeAsync_SaleForACallWithANonAsciiId_CountsTheSale()
    {
        // Arrange: the call's id is hashed from its UTF-8 bytes, the result's from its string: they must agree.
        _computation.AddCalls(new CallRecordColumns([Call("appel-é", CallOutcome.Appointment, Nine, talkSeconds: 120), Call("appel-e", CallOutcome.Appointment, Nine)]));
        _computation.AddResults([new AppointmentResult("appel-é", AppointmentResultKind.Sale, Nine.AddDays(1))]);

        // Act
        var result = await _computation.ComputeAsync(ByOperator, CancellationToken.None);

        // Assert
        var group = Assert.Single(result.Groups);
        Assert.Equal((2, 1), (group.Counters.Appointments, group.Counters.Sales));
    }

    [Fact]
    public async Task ComputeAsync_ExpectedCallsHint_SameResultAsWithout()
    {
        // Arrange
        using var presized = new KpiComputation(new RecordValidator(new FixedTimeProvider(Now)), BenchmarkCatalog.ArticleDefaults, expectedCalls: 1000);
        CallRecord[] calls =
        [
            Call("c1", CallOutcome.Pitched, Nine, talkSeconds: 100),
            Call("c2", CallOutcome.Appointment, Nine.AddMinutes(20), talkSeconds: 250, operatorId: "op-2"),
            Call("c1", CallOutcome.Appointment, Nine, talkSeconds: 150, revision: 1),
            Call("c3", CallOutcome.Busy, Nine.AddHours(1)),
        ];
        var expected = Add(calls);
        var expectedResult = await _computation.ComputeAsync(ByOperator, CancellationToken.None);

        // Act
        var batch = presized.AddCalls(new CallRecordColumns(calls));
        var result = await presized.ComputeAsync(ByOperator, CancellationToken.None);

        // Assert
        Assert.Equal((expected.Accepted, expected.Replaced), (batch.Accepted, batch.Replaced));
        Assert.Equal(2, result.Groups.Count);
        Assert.Equal(expectedResult.Groups, result.Groups);
        Assert.Equal((3, 2), (presized.DistinctCalls, result.Groups[0].Counters.Dialed));
    }

    [Fact]
    public async Task ComputeAsync_OperatorMovingBetweenCampaignsAndTeamsInOneBatch_EachCallInItsOwnSeries()
    {
        // Arrange: the series of an operator's previous call is tried first; each change, a
        // change back, and a call whose campaign is invalid in between must still land right.
        var byCampaignAndTeam = ByOperator with { GroupBy = GroupDimensions.Operator | GroupDimensions.Team | GroupDimensions.Campaign };
        var batch = _computation.AddCalls(new CallRecordColumns(
        [
            Call("c1", CallOutcome.Busy, Nine, campaign: "solar"),
            Call("c2", CallOutcome.Busy, Nine, campaign: "fibre"),
            Call("c3", CallOutcome.Busy, Nine, campaign: " "),
            Call("c4", CallOutcome.Busy, Nine, campaign: "fibre", team: "team-2"),
            Call("c5", CallOutcome.Busy, Nine, campaign: "solar"),
            Call("c6", CallOutcome.Busy, Nine, campaign: "solar", operatorId: "op-2"),
            Call("c7", CallOutcome.Busy, Nine, campaign: "solar"),
        ]));

        // Act
        var result = await _computation.ComputeAsync(byCampaignAndTeam, CancellationToken.None);

        // Assert
        Assert.Equal(6, batch.Accepted);
        Assert.Equal(2, Assert.Single(batch.Rejections).Index);
        Assert.Equal(
            [("fibre", "team-1", "op-1", 1L), ("fibre", "team-2", "op-1", 1L), ("solar", "team-1", "op-1", 3L), ("solar", "team-1", "op-2", 1L)],
            result.Groups.Select(g => (g.CampaignId, g.TeamId, g.OperatorId, g.Counters.Dialed)).Order());
    }

    /// <summary>Columns whose id list is padded to <paramref name="count"/> ids (the calls' own first).</summary>
    private sealed class WithIds(ICallColumns calls, int count) : ICallColumns
    {
        public int Count => calls.Count;

        public IReadOnlyList<string> Ids { get; } = [.. calls.Ids, .. Enumerable.Range(calls.Ids.Count, count - calls.Ids.Count).Select(i => $"id-{i}")];

        public ReadOnlySpan<byte> CallId(int index) => calls.CallId(index);

        public ReadOnlySpan<byte> LeadId(int index) => calls.LeadId(index);

        public int CampaignIndex(int index) => calls.CampaignIndex(index);

        public int OperatorIndex(int index) => calls.OperatorIndex(index);

        public int TeamIndex(int index) => calls.TeamIndex(index);

        public DateTimeOffset StartedAt(int index) => calls.StartedAt(index);

        public CallOutcome Outcome(int index) => calls.Outcome(index);

        public double TalkSeconds(int index) => calls.TalkSeconds(index);

        public bool RemovalRequested(int index) => calls.RemovalRequested(index);

        public int Revision(int index) => calls.Revision(index);
    }
}
