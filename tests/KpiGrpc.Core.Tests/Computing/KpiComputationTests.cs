using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Computing;

public sealed class KpiComputationTests
{
    private static readonly DateTimeOffset Nine = Utc(2026, 3, 10, 9);

    private readonly KpiComputation _computation = new(new RecordValidator(new FixedTimeProvider(Now)), BenchmarkCatalog.ArticleDefaults);

    private static readonly ComputeQuery ByOperator = new(null, null, KpiFilter.All, GroupDimensions.Operator, Granularity.None, TimeZoneInfo.Utc);

    private BatchResult Add(params CallRecord[] calls) =>
        _computation.AddCalls(calls, calls.Length, static (batch, i) => CallValues.From(batch[i]));

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
        Assert.Equal(50.0, group.Kpis.CloseRate!.Value.Value, 6);
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
}
