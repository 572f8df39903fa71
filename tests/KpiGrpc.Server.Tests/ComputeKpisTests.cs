using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

public sealed class ComputeKpisTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    private V1.ComputeService.ComputeServiceClient Compute => new(server.Channel);

    [Fact]
    public async Task ComputeKpis_SameRecordsAsIngested_EqualsQueryKpis()
    {
        // Arrange: two operators, an appointment sold, a session for op-a only (op-b is estimated).
        var campaign = Unique("compute-same");
        var calls = new[]
        {
            Call($"{campaign}-a1", campaign, "op-a", V1.CallOutcome.InvalidNumber, NineAm, team: "t1"),
            Call($"{campaign}-a2", campaign, "op-a", V1.CallOutcome.Pitched, NineAm.AddMinutes(10), talkSeconds: 200, team: "t1"),
            Call($"{campaign}-a3", campaign, "op-a", V1.CallOutcome.Appointment, NineAm.AddMinutes(40), talkSeconds: 300, team: "t1"),
            Call($"{campaign}-b1", campaign, "op-b", V1.CallOutcome.Answered, NineAm, talkSeconds: 60, team: "t2"),
            Call($"{campaign}-b2", campaign, "op-b", V1.CallOutcome.Dropped, NineAm.AddHours(2), team: "t2"),
        };
        var sale = new V1.AppointmentResult { CallId = $"{campaign}-a3", Result = V1.AppointmentResultKind.Sale, ReportedAt = At(NineAm.AddDays(1)) };
        var session = new V1.OperatorSession
        {
            SessionId = $"{campaign}-s1", OperatorId = "op-a", TeamId = "t1", CampaignId = campaign,
            StartedAt = At(NineAm), EndedAt = At(NineAm.AddHours(2)),
        };
        await server.Ingest.RecordCallsAsync(Calls(calls));
        await server.Ingest.RecordAppointmentResultsAsync(new V1.RecordAppointmentResultsRequest { Results = { sale } });
        await server.Ingest.RecordSessionsAsync(new V1.RecordSessionsRequest { Sessions = { session } });
        var stored = await server.Kpis.QueryKpisAsync(DayOf(campaign, V1.GroupDimension.Operator));

        // Act
        var computed = await ComputeStream.RunAsync(Compute, QueryOf(campaign, V1.GroupDimension.Operator),
            new V1.ComputeKpisBatch { BatchId = 1, Calls = { calls }, Results = { sale }, Sessions = { session } });

        // Assert
        Assert.Equal(stored.Groups, computed.Groups);
        // op-a: dialed 3, connected 2, pitched 2, 1 appointment sold, talk 500 s, 2 logged hours.
        var a = computed.Groups[0];
        Assert.Equal((3L, 2L, 2L, 1L, 1L, 500.0, 2.0), (a.Counts.Dialed, a.Counts.Connected, a.Counts.Pitched, a.Counts.Appointments, a.Counts.Sales, a.Counts.TalkSeconds, a.Counts.LoggedHours));
        Assert.Equal(100.0, a.Kpis.CloseRate.Value, precision: 9);   // 1 / 1
        Assert.Equal(1.5, a.Kpis.CallsPerHour.Value, precision: 9);  // 3 / 2 h
        // op-b: no session, so 09:00-09:15 and 11:00-11:15 are 2 slots apart: 09:00 to 11:15 = 2.25 h estimated.
        var b = computed.Groups[1];
        Assert.Equal((2L, 2L, 1L, 2.25, true), (b.Counts.Dialed, b.Counts.Answered, b.Counts.Dropped, b.Counts.LoggedHours, b.Counts.LoggedHoursEstimated));
        Assert.Equal((5L, 1L, 1L), (computed.Summary.Calls.Accepted, computed.Summary.Results.Accepted, computed.Summary.Sessions.Accepted));
        Assert.Equal(V1.ComputeKpisResponse.PayloadOneofCase.Summary, computed.LastMessage);
    }

    [Fact]
    public async Task ComputeKpis_DuplicatesAndRevisions_LatestRevisionCountsOnce()
    {
        // Arrange: c1 pitched r0, the same again, appointment r1, pitched r0 again (stale),
        // then r1 with new talk time (replaced at an equal revision); c2 arrives once.
        var campaign = Unique("compute-revisions");
        var first = Call($"{campaign}-c1", campaign, "op-1", V1.CallOutcome.Pitched, NineAm, talkSeconds: 100);
        var batches = new[]
        {
            new V1.ComputeKpisBatch { BatchId = 1, Calls = { first, first.Clone() } },
            new V1.ComputeKpisBatch
            {
                BatchId = 2,
                Calls =
                {
                    Call($"{campaign}-c1", campaign, "op-1", V1.CallOutcome.Appointment, NineAm, talkSeconds: 300, revision: 1),
                    first.Clone(),
                    Call($"{campaign}-c1", campaign, "op-1", V1.CallOutcome.Appointment, NineAm, talkSeconds: 350, revision: 1),
                    Call($"{campaign}-c2", campaign, "op-1", V1.CallOutcome.Busy, NineAm.AddMinutes(1)),
                },
            },
        };

        // Act
        var answer = await ComputeStream.RunAsync(Compute, QueryOf(campaign), batches);

        // Assert
        Assert.Equal([(1L, 1, 1, 0, 0), (2L, 1, 0, 2, 1)], answer.Acks.Select(a => (a.BatchId, a.Calls.Accepted, a.Calls.Duplicates, a.Calls.Replaced, a.Calls.Stale)));
        var totals = answer.Summary.Calls;
        Assert.Equal((2L, 1L, 2L, 1L, 0L), (totals.Accepted, totals.Duplicates, totals.Replaced, totals.Stale, totals.Rejected));
        // Only c1 r1 (appointment, 350 s) and c2 (busy) count.
        var group = Assert.Single(answer.Groups);
        Assert.Equal((2L, 1L, 1L, 350.0), (group.Counts.Dialed, group.Counts.Pitched, group.Counts.Appointments, group.Counts.TalkSeconds));
    }

    [Fact]
    public async Task ComputeKpis_InvalidRecords_RejectedInTheirBatchAckWithIndexFieldAndReason()
    {
        // Arrange: the second call is BUSY with talk time; the session ends before it starts.
        var campaign = Unique("compute-rejects");
        var batch = new V1.ComputeKpisBatch
        {
            BatchId = 7,
            Calls =
            {
                Call($"{campaign}-ok", campaign, "op-1", V1.CallOutcome.Answered, NineAm, talkSeconds: 30),
                Call($"{campaign}-bad", campaign, "op-1", V1.CallOutcome.Busy, NineAm, talkSeconds: 5),
            },
            Sessions = { new V1.OperatorSession { SessionId = "s", OperatorId = "op-1", StartedAt = At(NineAm), EndedAt = At(NineAm) } },
        };

        // Act
        var answer = await ComputeStream.RunAsync(Compute, QueryOf(campaign), batch);

        // Assert
        var ack = Assert.Single(answer.Acks);
        var call = Assert.Single(ack.Calls.Rejections);
        Assert.Equal((1, $"{campaign}-bad", "talk_seconds"), (call.Index, call.RecordId, call.Field));
        Assert.Contains("must be 0 when outcome is busy", call.Reason);
        Assert.Equal((0, "ended_at"), (ack.Sessions.Rejections[0].Index, ack.Sessions.Rejections[0].Field));
        Assert.Equal((1L, 1L), (answer.Summary.Calls.Accepted, answer.Summary.Calls.Rejected));
        Assert.Equal(1L, Assert.Single(answer.Groups).Counts.Dialed);
    }

    [Fact]
    public async Task ComputeKpis_AfterTheStream_NothingIsStored()
    {
        // Arrange
        var campaign = Unique("compute-stateless");
        var batch = new V1.ComputeKpisBatch { Calls = { Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm) } };

        // Act
        var answer = await ComputeStream.RunAsync(Compute, QueryOf(campaign), batch);
        var stored = await server.Kpis.QueryKpisAsync(DayOf(campaign));

        // Assert
        Assert.Equal(1L, Assert.Single(answer.Groups).Counts.Dialed);
        Assert.Empty(stored.Groups);
    }

    [Fact]
    public async Task ComputeKpis_NoRangeGiven_RangeIsTheDataFlooredAndCeiledToSlots()
    {
        // Arrange: calls at 09:07 and 10:52: the range is 09:00 to 11:00.
        var campaign = Unique("compute-range");
        var batch = new V1.ComputeKpisBatch
        {
            Calls =
            {
                Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm.AddMinutes(7)),
                Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Answered, NineAm.AddMinutes(112)),
            },
        };
        var query = new V1.ComputeKpisQuery { GroupBy = { V1.GroupDimension.Operator }, Granularity = V1.Granularity.Hour };

        // Act
        var answer = await ComputeStream.RunAsync(Compute, query, batch);

        // Assert
        Assert.Equal((NineAm, NineAm.AddHours(2)), (answer.Summary.From.ToDateTimeOffset(), answer.Summary.To.ToDateTimeOffset()));
        Assert.Equal([NineAm, NineAm.AddHours(1)], answer.Groups.Select(g => g.Key.PeriodStart.ToDateTimeOffset()));
    }

    [Fact]
    public async Task ComputeKpis_FirstMessageIsNotTheQuery_InvalidArgumentNamingQuery()
    {
        // Arrange
        using var call = Compute.ComputeKpis();

        // Act
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Batch = new V1.ComputeKpisBatch() });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());

        // Assert
        Assert.Equal("query", FieldViolation(error).Field);
    }

    [Fact]
    public async Task ComputeKpis_FromNotOnA15MinuteBoundary_InvalidArgumentBeforeAnyRecord()
    {
        // Arrange
        using var call = Compute.ComputeKpis();
        var query = new V1.ComputeKpisQuery { From = At(NineAm.AddMinutes(7)) };

        // Act
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Query = query });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());

        // Assert
        Assert.Equal("from", FieldViolation(error).Field);
    }

    /// <summary>The compute query of one day (Proto.Day) for one campaign, as DayOf asks QueryKpis.</summary>
    private static V1.ComputeKpisQuery QueryOf(string campaign, params V1.GroupDimension[] groupBy) => new()
    {
        From = At(Day),
        To = At(Day.AddDays(1)),
        Filter = new V1.KpiFilter { CampaignIds = { campaign } },
        GroupBy = { groupBy },
    };
}
