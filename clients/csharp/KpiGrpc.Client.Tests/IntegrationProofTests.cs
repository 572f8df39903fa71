using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Client.Tests.Infrastructure;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary>Ingest, query, watch and rejections through <see cref="KpiClient"/> against the real server process.</summary>
public sealed class IntegrationProofTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private readonly KpiClient _client = new(fixture.ClientOptions());

    [Fact]
    public async Task QueryKpisAsync_CallsResultsAndSessionsImported_MatchHandWorkedKpisPerOperator()
    {
        // Arrange: campaign "proof" on 2026-03-10.
        // op-a: 4 calls = 1 invalid_number, 1 busy, 1 pitched (120 s), 1 appointment (300 s) with a sale;
        //       session 09:00-11:00 = 2 h.
        //   dialed 4, connected 3, answered 2, pitched 2, appointments 1, sales 1
        //   list_validity 3/4 = 75%, answer 2/4 = 50%, pitch 2/3 = 66.67%, conversion 1/2 = 50%,
        //   close 1/1 = 100%, calls_per_hour 4/2 = 2, avg conversation 420/2 = 210 s; no drop: abandon 0/2 = 0%.
        // op-b: 3 calls = 1 answered (60 s), 1 dropped, 1 appointment (200 s) without a sale;
        //       session 10:00-11:30 = 1.5 h.
        //   dialed 3, connected 3, answered 3, pitched 1, appointments 1, sales 0, dropped 1
        //   list_validity 100%, pitch 1/3 = 33.33%, conversion 1/1 = 100%, close 0/1 = 0%,
        //   abandon 1/3 = 33.33%, calls_per_hour 3/1.5 = 2.
        const string campaign = "proof";
        var unary = new[]
        {
            Call("a1", campaign, "op-a", CallOutcome.InvalidNumber, minute: 0),
            Call("a2", campaign, "op-a", CallOutcome.Busy, minute: 10),
            Call("b1", campaign, "op-b", CallOutcome.Answered, 60, minute: 20),
        };
        var streamed = new[]
        {
            new ImportCallsRequest
            {
                BatchId = 1,
                Calls = { Call("a3", campaign, "op-a", CallOutcome.Pitched, 120, 30), Call("a4", campaign, "op-a", CallOutcome.Appointment, 300, 40) },
            },
            new ImportCallsRequest
            {
                BatchId = 2,
                Calls = { Call("b2", campaign, "op-b", CallOutcome.Dropped, 0, 50), Call("b3", campaign, "op-b", CallOutcome.Appointment, 200, 55) },
            },
        };

        // Act
        var unaryAck = await _client.RecordCallsAsync(unary);
        var streamAcks = await _client.ImportCallsAsync(streamed.ToAsyncEnumerable()).ToListAsync();
        var resultsAck = await _client.RecordAppointmentResultsAsync(
            [Result("a4", AppointmentResultKind.Sale), Result("b3", AppointmentResultKind.NoSale)]);
        var sessionsAck = await _client.RecordSessionsAsync(
        [
            Session("s-a", campaign, "op-a", At(9), At(11)),
            Session("s-b", campaign, "op-b", At(10), At(11, 30)),
        ]);
        var groups = await _client.QueryKpisAsync(QueryOf(Day, campaign, GroupDimension.Operator));

        // Assert
        Assert.Equal(3, unaryAck.Accepted);
        Assert.Equal([1L, 2L], streamAcks.Select(ack => ack.BatchId));
        Assert.All(streamAcks, ack => Assert.Equal(2, ack.Ack.Accepted));
        Assert.Equal(2, resultsAck.Accepted);
        Assert.Equal(2, sessionsAck.Accepted);
        Assert.Equal(["op-a", "op-b"], groups.Select(group => group.Key.OperatorId));

        var a = groups[0];
        Assert.Equal((4L, 3L, 2L, 2L, 1L, 1L), (a.Counts.Dialed, a.Counts.Connected, a.Counts.Answered, a.Counts.Pitched, a.Counts.Appointments, a.Counts.Sales));
        Assert.Equal(75, a.Kpis.ListValidityRate.Value, 2);
        Assert.Equal(50, a.Kpis.AnswerRate.Value, 2);
        Assert.Equal(66.67, a.Kpis.PitchRate.Value, 2);
        Assert.Equal(50, a.Kpis.ConversionRate.Value, 2);
        Assert.Equal(100, a.Kpis.CloseRate.Value, 2);
        Assert.Equal(2, a.Kpis.CallsPerHour.Value, 6);
        Assert.Equal(210, a.Kpis.AverageConversationSeconds.Value, 6);
        Assert.False(a.Counts.LoggedHoursEstimated);

        var b = groups[1];
        Assert.Equal((3L, 3L, 3L, 1L, 1L, 0L, 1L), (b.Counts.Dialed, b.Counts.Connected, b.Counts.Answered, b.Counts.Pitched, b.Counts.Appointments, b.Counts.Sales, b.Counts.Dropped));
        Assert.Equal(100, b.Kpis.ListValidityRate.Value, 2);
        Assert.Equal(33.33, b.Kpis.PitchRate.Value, 2);
        Assert.Equal(100, b.Kpis.ConversionRate.Value, 2);
        Assert.Equal(0, b.Kpis.CloseRate.Value, 2);
        Assert.Equal(33.33, b.Kpis.AbandonRate.Value, 2);
        Assert.Equal(2, b.Kpis.CallsPerHour.Value, 6);
    }

    [Fact]
    public async Task WatchKpisAsync_CallsRecordedAfterSnapshot_DeliversUpdateWithNewCounts()
    {
        // Arrange: 2 calls of op-w before the watch, 1 more after its snapshot.
        const string campaign = "watch";
        await _client.RecordCallsAsync(
        [
            Call("w1", campaign, "op-w", CallOutcome.Pitched, 90),
            Call("w2", campaign, "op-w", CallOutcome.NoAnswer, minute: 5),
        ]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = _client.WatchKpisAsync(WatchOf(campaign), stop.Token).GetAsyncEnumerator(stop.Token);

        // Act
        var snapshot = await watch.NextAsync(EventTimeout);
        await _client.RecordCallsAsync([Call("w3", campaign, "op-w", CallOutcome.Appointment, 240, 10)]);
        var update = await watch.NextAsync(EventTimeout);

        // Assert: pitched 2 of connected 3 after the update (66.67%), 1 of 2 before (50%).
        Assert.Equal(WatchEventKind.Snapshot, snapshot.Kind);
        Assert.False(snapshot.Reconnected);
        var before = Assert.Single(snapshot.Groups);
        Assert.Equal(2, before.Counts.Dialed);
        Assert.Equal(50, before.Kpis.PitchRate.Value, 2);
        Assert.Equal(WatchEventKind.Update, update.Kind);
        var after = Assert.Single(update.Groups);
        Assert.Equal("op-w", after.Key.OperatorId);
        Assert.Equal((3L, 1L), (after.Counts.Dialed, after.Counts.Appointments));
        Assert.Equal(66.67, after.Kpis.PitchRate.Value, 2);
    }

    [Fact]
    public async Task RecordCallsAsync_BadRecordBesideGoodOne_RejectsOnlyTheBadOneWithFieldAndReason()
    {
        // Arrange: a busy call cannot have talk time; the answered call is fine.
        const string campaign = "reject";
        var good = Call("r-good", campaign, "op-r", CallOutcome.Answered, 30);
        var bad = Call("r-bad", campaign, "op-r", CallOutcome.Busy, talkSeconds: 12);

        // Act
        var ack = await _client.RecordCallsAsync([good, bad]);
        var dialed = await DialedAsync(_client, campaign);

        // Assert
        Assert.Equal(1, ack.Accepted);
        var rejection = Assert.Single(ack.Rejections);
        Assert.Equal(1, rejection.Index);
        Assert.Equal("r-bad", rejection.RecordId);
        Assert.Equal("talk_seconds", rejection.Field);
        Assert.Contains("talk_seconds", rejection.Reason);
        Assert.Equal(1, dialed);
    }

    [Fact]
    public async Task ImportCallsAsync_BatchSourceFailsAfterOneBatch_AcksItThenSurfacesTheSourceError()
    {
        // Arrange: the source fails once its first batch is acknowledged.
        var acks = new List<ImportCallsResponse>();
        var firstAck = new TaskCompletionSource();
        async IAsyncEnumerable<ImportCallsRequest> FailingBatches()
        {
            yield return new ImportCallsRequest { BatchId = 7, Calls = { Call("f1", "failing-source", "op-f", CallOutcome.Voicemail, 5) } };
            await firstAck.Task.WaitAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException("CSV line 12 is unreadable");
        }

        // Act
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var ack in _client.ImportCallsAsync(FailingBatches()))
            {
                acks.Add(ack);
                firstAck.TrySetResult();
            }
        });

        // Assert
        Assert.Equal("CSV line 12 is unreadable", Assert.IsType<InvalidOperationException>(error).Message);
        Assert.Equal(7, Assert.Single(acks).BatchId);
        Assert.Equal(1, await DialedAsync(_client, "failing-source"));
    }

    public void Dispose() => _client.Dispose();

    internal static WatchKpisRequest WatchOf(string campaign) => new()
    {
        Since = Timestamp.FromDateTimeOffset(Day),
        Filter = new KpiFilter { CampaignIds = { campaign } },
        GroupBy = { GroupDimension.Operator },
        CoalesceInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(50)),
    };
}
