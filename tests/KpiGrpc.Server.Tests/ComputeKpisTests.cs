using System.Text;
using Google.Protobuf;
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
        await WriteUntilRefusedAsync(call, new V1.ComputeKpisRequest { Batch = new V1.ComputeKpisBatch() });
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
        await WriteUntilRefusedAsync(call, new V1.ComputeKpisRequest { Query = query });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());

        // Assert
        Assert.Equal("from", FieldViolation(error).Field);
    }

    [Fact]
    public async Task ComputeKpis_CallsSentAsColumns_SameGroupsAndAcksAsCallRecords()
    {
        // Arrange: mixed outcomes and teams, a lead, a fraction of a second of talk, a removal,
        // nanoseconds in started_at, a replacement (revision 1) and an exact duplicate; the sale
        // of c1 comes as a result. A second batch resends c1 and c2 as records: duplicates both
        // ways only if every field read from the columns matches the record.
        var campaign = Unique("compute-columns");
        var c1 = Call($"{campaign}-c1", campaign, "op-a", V1.CallOutcome.Appointment, NineAm.AddTicks(1_234_567), talkSeconds: 12.5, team: "t1");
        c1.LeadId = "lead-1";
        var c2 = Call($"{campaign}-c2", campaign, "op-b", V1.CallOutcome.Answered, NineAm.AddMinutes(5), talkSeconds: 30, team: "t2");
        c2.RemovalRequested = true;
        var c3 = Call($"{campaign}-c3", campaign, "op-a", V1.CallOutcome.Busy, NineAm.AddMinutes(10));
        V1.CallRecord[] calls =
        [
            c1,
            c2,
            c3,
            Call($"{campaign}-c4", campaign, "op-a", V1.CallOutcome.Pitched, NineAm.AddMinutes(20), talkSeconds: 100, team: "t1"),
            Call($"{campaign}-c4", campaign, "op-a", V1.CallOutcome.Appointment, NineAm.AddMinutes(20), talkSeconds: 150, team: "t1", revision: 1),
            c3.Clone(),
        ];
        var sale = new V1.AppointmentResult { CallId = $"{campaign}-c1", Result = V1.AppointmentResultKind.Sale, ReportedAt = At(NineAm.AddDays(1)) };
        var query = QueryOf(campaign, V1.GroupDimension.Operator, V1.GroupDimension.Team);
        var resent = new V1.ComputeKpisBatch { BatchId = 2, Calls = { c1.Clone(), c2.Clone() } };
        var asRecords = await ComputeStream.RunAsync(Compute, query, new V1.ComputeKpisBatch { BatchId = 1, Calls = { calls }, Results = { sale } }, resent);

        // Act
        var asColumns = await ComputeStream.RunAsync(Compute, query, new V1.ComputeKpisBatch { BatchId = 1, CallColumns = ColumnsOf(calls), Results = { sale } }, resent);

        // Assert
        Assert.Equal(asRecords.Acks, asColumns.Acks);
        Assert.Equal(asRecords.Groups, asColumns.Groups);
        Assert.Equal(asRecords.Summary, asColumns.Summary);
        Assert.Equal([(4, 1, 1, 0), (0, 2, 0, 0)], asColumns.Acks.Select(a => (a.Calls.Accepted, a.Calls.Duplicates, a.Calls.Replaced, a.Calls.Rejections.Count)));
        // (op-a, no team): c3; (op-a, t1): c1 and c4 r1, c1 sold; (op-b, t2): c2 with a removal.
        Assert.Equal([("op-a", ""), ("op-a", "t1"), ("op-b", "t2")], asColumns.Groups.Select(g => (g.Key.OperatorId, g.Key.TeamId)));
        var t1 = asColumns.Groups[1].Counts;
        Assert.Equal((2L, 2L, 1L, 162.5), (t1.Dialed, t1.Appointments, t1.Sales, t1.TalkSeconds));
        Assert.Equal((1L, 30.0), (asColumns.Groups[2].Counts.Rejected, asColumns.Groups[2].Counts.TalkSeconds));
    }

    [Fact]
    public async Task ComputeKpis_ColumnsWithDefaultsLeftEmpty_ReadAsZeroFalseAndNoTeam()
    {
        // Arrange: only the required columns: no team, lead, nanos, talk time, removal or revision.
        var campaign = Unique("compute-defaults");
        var columns = new V1.CallColumns
        {
            Ids = { "op-1", campaign },
            CallIds = ByteString.CopyFromUtf8("d1d2"),
            CallIdLengths = { 2, 2 },
            CampaignIndexes = { 1, 1 },
            OperatorIndexes = { 0, 0 },
            StartedAtSeconds = { At(NineAm).Seconds, At(NineAm.AddMinutes(5)).Seconds },
            Outcomes = { V1.CallOutcome.Answered, V1.CallOutcome.Pitched },
        };

        // Act
        var answer = await ComputeStream.RunAsync(Compute, QueryOf(campaign, V1.GroupDimension.Team), new V1.ComputeKpisBatch { BatchId = 3, CallColumns = columns });

        // Assert
        var ack = Assert.Single(answer.Acks);
        Assert.Equal((2, 0), (ack.Calls.Accepted, ack.Calls.Rejections.Count));
        var group = Assert.Single(answer.Groups);
        Assert.Equal("", group.Key.TeamId);
        Assert.Equal((2L, 1L, 0L, 0.0), (group.Counts.Dialed, group.Counts.Pitched, group.Counts.Rejected, group.Counts.TalkSeconds));
    }

    [Fact]
    public async Task ComputeKpis_InvalidCallInColumns_RejectedWithIndexFieldAndReason()
    {
        // Arrange: index 1 is BUSY with talk time, index 2 has a blank call_id.
        var campaign = Unique("compute-columns-rejects");
        var columns = ColumnsOf(
            Call($"{campaign}-ok", campaign, "op-1", V1.CallOutcome.Answered, NineAm, talkSeconds: 30),
            Call($"{campaign}-bad", campaign, "op-1", V1.CallOutcome.Busy, NineAm, talkSeconds: 5),
            Call("   ", campaign, "op-1", V1.CallOutcome.Answered, NineAm),
            Call($"{campaign}-ok2", campaign, "op-1", V1.CallOutcome.NoAnswer, NineAm));

        // Act
        var answer = await ComputeStream.RunAsync(Compute, QueryOf(campaign), new V1.ComputeKpisBatch { BatchId = 9, CallColumns = columns });

        // Assert
        var ack = Assert.Single(answer.Acks);
        Assert.Equal(
            [(1, $"{campaign}-bad", "talk_seconds"), (2, "   ", "call_id")],
            ack.Calls.Rejections.Select(r => (r.Index, r.RecordId, r.Field)));
        Assert.Contains("must be 0 when outcome is busy", ack.Calls.Rejections[0].Reason);
        Assert.Equal("call_id is required", ack.Calls.Rejections[1].Reason);
        Assert.Equal((2L, 2L), (answer.Summary.Calls.Accepted, answer.Summary.Calls.Rejected));
        Assert.Equal(2L, Assert.Single(answer.Groups).Counts.Dialed);
    }

    [Fact]
    public async Task ComputeKpis_NonAsciiAndLongIds_SameAsCallRecords()
    {
        // Arrange: 150 x "é" is 300 UTF-8 bytes but 150 characters (valid); 201 ASCII characters are
        // too long. The appointment with a non-ASCII id is sold: the result's id must find it.
        var campaign = Unique("compute-non-ascii");
        var accented = Call("appel-é-ü", campaign, "opérateur-1", V1.CallOutcome.Appointment, NineAm, talkSeconds: 60, team: "équipe");
        accented.LeadId = "prospect-ß";
        var longAccented = new string('é', 150);
        var tooLong = new string('x', 201);
        V1.CallRecord[] calls =
        [
            accented,
            Call(longAccented, campaign, "opérateur-1", V1.CallOutcome.Busy, NineAm.AddMinutes(1), team: "équipe"),
            Call(tooLong, campaign, "opérateur-1", V1.CallOutcome.Busy, NineAm.AddMinutes(2), team: "équipe"),
        ];
        var sale = new V1.AppointmentResult { CallId = "appel-é-ü", Result = V1.AppointmentResultKind.Sale, ReportedAt = At(NineAm.AddDays(1)) };
        var query = QueryOf(campaign, V1.GroupDimension.Operator, V1.GroupDimension.Team);
        var asRecords = await ComputeStream.RunAsync(Compute, query, new V1.ComputeKpisBatch { BatchId = 5, Calls = { calls }, Results = { sale } });

        // Act
        var asColumns = await ComputeStream.RunAsync(Compute, query, new V1.ComputeKpisBatch { BatchId = 5, CallColumns = ColumnsOf(calls), Results = { sale } });

        // Assert
        Assert.Equal(asRecords.Acks, asColumns.Acks);
        Assert.Equal(asRecords.Groups, asColumns.Groups);
        Assert.Equal(asRecords.Summary, asColumns.Summary);
        var ack = Assert.Single(asColumns.Acks);
        var rejection = Assert.Single(ack.Calls.Rejections);
        Assert.Equal((2, tooLong, "call_id"), (rejection.Index, rejection.RecordId, rejection.Field));
        Assert.Contains("longer than 200", rejection.Reason);
        var group = Assert.Single(asColumns.Groups);
        Assert.Equal(("opérateur-1", "équipe"), (group.Key.OperatorId, group.Key.TeamId));
        Assert.Equal((2L, 1L, 1L), (group.Counts.Dialed, group.Counts.Appointments, group.Counts.Sales));
    }

    [Fact]
    public async Task ComputeKpis_ColumnsOfWrongLength_InvalidArgumentNamingTheColumnAndBatch()
    {
        // Arrange
        var campaign = Unique("compute-columns-length");
        var columns = ColumnsOf(
            Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm),
            Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Answered, NineAm),
            Call($"{campaign}-3", campaign, "op-1", V1.CallOutcome.Answered, NineAm));
        columns.Outcomes.RemoveAt(2);

        // Act
        var error = await ComputeFailsAsync(QueryOf(campaign), new V1.ComputeKpisBatch { BatchId = 41, CallColumns = columns });

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("call_columns.outcomes", FieldViolation(error).Field);
        Assert.Equal("batch 41: call_columns.outcomes has 2 values for 3 calls", error.Status.Detail);
    }

    [Fact]
    public async Task ComputeKpis_MalformedBatchAfterGoodOnes_GoodOnesAckedThenInvalidArgument()
    {
        // Arrange: batches are read ahead of the one being counted; a refused batch must still
        // come after the acks of every batch sent before it.
        var campaign = Unique("compute-read-ahead");
        var malformed = ColumnsOf(Call($"{campaign}-3", campaign, "op-1", V1.CallOutcome.Answered, NineAm));
        malformed.Outcomes.Clear();
        using var call = Compute.ComputeKpis();
        await WriteUntilRefusedAsync(
            call,
            new V1.ComputeKpisRequest { Query = QueryOf(campaign) },
            new V1.ComputeKpisRequest { Batch = new V1.ComputeKpisBatch { BatchId = 1, CallColumns = ColumnsOf(Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm)) } },
            new V1.ComputeKpisRequest { Batch = new V1.ComputeKpisBatch { BatchId = 2, Calls = { Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Busy, NineAm) } } },
            new V1.ComputeKpisRequest { Batch = new V1.ComputeKpisBatch { BatchId = 3, CallColumns = malformed } });

        // Act
        var acks = new List<V1.ComputeKpisBatchAck>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                acks.Add(response.BatchAck);
            }
        });

        // Assert
        Assert.Equal([1L, 2L], acks.Select(a => a.BatchId));
        Assert.All(acks, a => Assert.Equal(1, a.Calls.Accepted));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("batch 3: call_columns.outcomes has 0 values for 1 calls", error.Status.Detail);
    }

    [Fact]
    public async Task ComputeKpis_ColumnIndexOutsideIds_InvalidArgument()
    {
        // Arrange
        var campaign = Unique("compute-columns-index");
        var columns = ColumnsOf(
            Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm, team: "t1"),
            Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Answered, NineAm, team: "t1"));
        columns.TeamIndexes[1] = (uint)columns.Ids.Count;

        // Act
        var error = await ComputeFailsAsync(QueryOf(campaign), new V1.ComputeKpisBatch { BatchId = 42, CallColumns = columns });

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("call_columns.team_indexes", FieldViolation(error).Field);
        Assert.StartsWith("batch 42: ", error.Status.Detail);
        Assert.Contains("at call 1", error.Status.Detail);
    }

    [Fact]
    public async Task ComputeKpis_CallIdLengthsNotAddingUp_InvalidArgument()
    {
        // Arrange: the first length claims one byte more than call_ids holds in all.
        var campaign = Unique("compute-columns-lengths");
        var columns = ColumnsOf(
            Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm),
            Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Answered, NineAm));
        columns.CallIdLengths[0] += 1;

        // Act
        var error = await ComputeFailsAsync(QueryOf(campaign), new V1.ComputeKpisBatch { BatchId = 43, CallColumns = columns });

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("call_columns.call_id_lengths", FieldViolation(error).Field);
        Assert.StartsWith("batch 43: ", error.Status.Detail);
        Assert.Contains("adds up to", error.Status.Detail);
    }

    [Fact]
    public async Task ComputeKpis_CallsAndColumnsInOneBatch_InvalidArgument()
    {
        // Arrange
        var campaign = Unique("compute-both");
        var batch = new V1.ComputeKpisBatch
        {
            BatchId = 44,
            Calls = { Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm) },
            CallColumns = ColumnsOf(Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Answered, NineAm)),
        };

        // Act
        var error = await ComputeFailsAsync(QueryOf(campaign), batch);

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("call_columns", FieldViolation(error).Field);
        Assert.Contains("batch 44", error.Status.Detail);
    }

    [Fact]
    public async Task ComputeKpis_ExpectedCallsHint_SameResult()
    {
        // Arrange
        var campaign = Unique("compute-expected");
        var batch = new V1.ComputeKpisBatch
        {
            BatchId = 1,
            Calls =
            {
                Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Pitched, NineAm, talkSeconds: 90),
                Call($"{campaign}-2", campaign, "op-2", V1.CallOutcome.Appointment, NineAm.AddMinutes(30), talkSeconds: 200),
                Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Appointment, NineAm, talkSeconds: 120, revision: 1),
            },
        };
        var without = await ComputeStream.RunAsync(Compute, QueryOf(campaign, V1.GroupDimension.Operator), batch);
        var hinted = QueryOf(campaign, V1.GroupDimension.Operator);
        hinted.ExpectedCalls = 1_000_000;

        // Act
        var with = await ComputeStream.RunAsync(Compute, hinted, batch);

        // Assert
        Assert.Equal(2, with.Groups.Count);
        Assert.Equal(without.Groups, with.Groups);
        Assert.Equal(without.Acks, with.Acks);
        Assert.Equal(without.Summary, with.Summary);
    }

    /// <summary>The compute query of one day (Proto.Day) for one campaign, as DayOf asks QueryKpis.</summary>
    private static V1.ComputeKpisQuery QueryOf(string campaign, params V1.GroupDimension[] groupBy) => new()
    {
        From = At(Day),
        To = At(Day.AddDays(1)),
        Filter = new V1.KpiFilter { CampaignIds = { campaign } },
        GroupBy = { groupBy },
    };

    /// <summary>Runs a compute call whose batch the server refuses, and returns its error.</summary>
    private async Task<RpcException> ComputeFailsAsync(V1.ComputeKpisQuery query, V1.ComputeKpisBatch batch)
    {
        using var call = Compute.ComputeKpis();
        await WriteUntilRefusedAsync(call, new V1.ComputeKpisRequest { Query = query }, new V1.ComputeKpisRequest { Batch = batch });
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());
    }

    /// <summary>
    /// Writes the messages of a call the server is expected to refuse: a write may already see
    /// the call ended by the server (then the response stream holds its status), so it stops there.
    /// </summary>
    private static async Task WriteUntilRefusedAsync(AsyncDuplexStreamingCall<V1.ComputeKpisRequest, V1.ComputeKpisResponse> call, params V1.ComputeKpisRequest[] messages)
    {
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }
        }
        catch (RpcException)
        {
            // The server ended the call first: its status is read from the response stream.
        }
    }

    /// <summary>The calls as CallColumns, every column filled (team and lead indexes included, "" where absent).</summary>
    private static V1.CallColumns ColumnsOf(params V1.CallRecord[] calls)
    {
        var columns = new V1.CallColumns();
        var indexes = new Dictionary<string, uint>(StringComparer.Ordinal);
        uint IndexOf(string id)
        {
            if (!indexes.TryGetValue(id, out var index))
            {
                index = (uint)columns.Ids.Count;
                indexes.Add(id, index);
                columns.Ids.Add(id);
            }

            return index;
        }

        var callIds = new List<byte>();
        var leadIds = new List<byte>();
        foreach (var call in calls)
        {
            var callId = Encoding.UTF8.GetBytes(call.CallId);
            callIds.AddRange(callId);
            columns.CallIdLengths.Add((uint)callId.Length);
            var leadId = Encoding.UTF8.GetBytes(call.LeadId);
            leadIds.AddRange(leadId);
            columns.LeadIdLengths.Add((uint)leadId.Length);
            columns.CampaignIndexes.Add(IndexOf(call.CampaignId));
            columns.OperatorIndexes.Add(IndexOf(call.OperatorId));
            columns.TeamIndexes.Add(IndexOf(call.TeamId));
            columns.StartedAtSeconds.Add(call.StartedAt.Seconds);
            columns.StartedAtNanos.Add(call.StartedAt.Nanos);
            columns.Outcomes.Add(call.Outcome);
            columns.TalkSeconds.Add(call.TalkSeconds);
            columns.RemovalRequested.Add(call.RemovalRequested);
            columns.Revisions.Add(call.Revision);
        }

        columns.CallIds = ByteString.CopyFrom([.. callIds]);
        columns.LeadIds = ByteString.CopyFrom([.. leadIds]);
        return columns;
    }
}
