using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

public sealed class IngestServiceTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    [Fact]
    public async Task RecordCalls_MixedBatch_StoresValidOnesAndRejectsEachInvalidOne()
    {
        // Arrange
        var campaign = Unique("mixed");
        var missingStart = Call("c-2", campaign, "op-1", V1.CallOutcome.Answered, NineAm);
        missingStart.StartedAt = null;
        var request = Calls(
            Call("c-0", campaign, "op-1", V1.CallOutcome.Answered, NineAm, talkSeconds: 30),
            Call("c-1", campaign, "op-1", V1.CallOutcome.Busy, NineAm, talkSeconds: 12),
            missingStart,
            Call("c-3", campaign, "op-1", V1.CallOutcome.NoAnswer, NineAm),
            Call("c-4", campaign, "op-1", V1.CallOutcome.Unspecified, NineAm));

        // Act
        var ack = (await server.Ingest.RecordCallsAsync(request)).Ack;

        // Assert
        Assert.Equal(2, ack.Accepted);
        Assert.Collection(
            ack.Rejections,
            r => Assert.Equal((1, "c-1", "talk_seconds", "talk_seconds must be 0 when outcome is busy: nobody talked"), (r.Index, r.RecordId, r.Field, r.Reason)),
            r => Assert.Equal((2, "c-2", "started_at", "started_at is required"), (r.Index, r.RecordId, r.Field, r.Reason)),
            r => Assert.Equal((4, "c-4", "outcome"), (r.Index, r.RecordId, r.Field)));
        var group = Assert.Single((await server.Kpis.QueryKpisAsync(DayOf(campaign))).Groups);
        Assert.Equal(2, group.Counts.Dialed);
        Assert.Equal(30, group.Counts.TalkSeconds);
    }

    [Fact]
    public async Task RecordCalls_SameIdAgain_CountsDuplicateReplacedAndStale()
    {
        // Arrange
        var campaign = Unique("revisions");
        var first = Call("call-r", campaign, "op-1", V1.CallOutcome.Answered, NineAm, talkSeconds: 60, revision: 1);
        var corrected = Call("call-r", campaign, "op-1", V1.CallOutcome.Pitched, NineAm, talkSeconds: 90, revision: 2);

        // Act
        var accepted = (await server.Ingest.RecordCallsAsync(Calls(first))).Ack;
        var duplicate = (await server.Ingest.RecordCallsAsync(Calls(first))).Ack;
        var replaced = (await server.Ingest.RecordCallsAsync(Calls(corrected))).Ack;
        var stale = (await server.Ingest.RecordCallsAsync(Calls(first))).Ack;

        // Assert
        Assert.Equal((1, 0, 0, 0), (accepted.Accepted, accepted.Duplicates, accepted.Replaced, accepted.Stale));
        Assert.Equal((0, 1, 0, 0), (duplicate.Accepted, duplicate.Duplicates, duplicate.Replaced, duplicate.Stale));
        Assert.Equal((0, 0, 1, 0), (replaced.Accepted, replaced.Duplicates, replaced.Replaced, replaced.Stale));
        Assert.Equal((0, 0, 0, 1), (stale.Accepted, stale.Duplicates, stale.Replaced, stale.Stale));
        var counts = Assert.Single((await server.Kpis.QueryKpisAsync(DayOf(campaign))).Groups).Counts;
        Assert.Equal((1, 1, 90.0), (counts.Dialed, counts.Pitched, counts.TalkSeconds));
    }

    [Fact]
    public async Task RecordAppointmentResults_BeforeTheirCall_AppliedWhenTheCallArrives()
    {
        // Arrange
        var campaign = Unique("early-result");
        var sale = new V1.AppointmentResult { CallId = $"{campaign}-a1", Result = V1.AppointmentResultKind.Sale, ReportedAt = At(NineAm.AddDays(2)) };

        // Act
        var resultAck = (await server.Ingest.RecordAppointmentResultsAsync(new V1.RecordAppointmentResultsRequest { Results = { sale } })).Ack;
        await server.Ingest.RecordCallsAsync(Calls(
            Call($"{campaign}-a1", campaign, "op-1", V1.CallOutcome.Appointment, NineAm, talkSeconds: 300),
            Call($"{campaign}-a2", campaign, "op-1", V1.CallOutcome.Appointment, NineAm, talkSeconds: 200)));

        // Assert: 2 appointments, 1 sale -> close_rate = 1 / 2 x 100 = 50%.
        Assert.Equal(1, resultAck.Accepted);
        var group = Assert.Single((await server.Kpis.QueryKpisAsync(DayOf(campaign))).Groups);
        Assert.Equal((2, 1), (group.Counts.Appointments, group.Counts.Sales));
        Assert.Equal(50, group.Kpis.CloseRate.Value, precision: 9);
    }

    [Fact]
    public async Task RecordSessions_LoggedTime_GivesCallsPerHourFromSessions()
    {
        // Arrange: 4 calls between 09:00 and 10:05, a session 09:00-11:00 on the same campaign and team.
        var campaign = Unique("sessions");
        var session = new V1.OperatorSession
        {
            SessionId = $"{campaign}-s1", OperatorId = "op-1", TeamId = "team-1", CampaignId = campaign,
            StartedAt = At(NineAm), EndedAt = At(NineAm.AddHours(2)),
        };
        await server.Ingest.RecordCallsAsync(FourCalls(campaign, team: "team-1"));

        // Act
        var ack = (await server.Ingest.RecordSessionsAsync(new V1.RecordSessionsRequest { Sessions = { session } })).Ack;

        // Assert: 4 calls / 2 logged hours = 2 calls per hour, from the session.
        Assert.Equal(1, ack.Accepted);
        var group = Assert.Single((await server.Kpis.QueryKpisAsync(DayOf(campaign, V1.GroupDimension.Operator))).Groups);
        Assert.Equal(2.0, group.Counts.LoggedHours, precision: 9);
        Assert.False(group.Counts.LoggedHoursEstimated);
        Assert.Equal(2.0, group.Kpis.CallsPerHour.Value, precision: 9);
    }

    [Fact]
    public async Task QueryKpis_NoSessions_EstimatesLoggedHoursFromFirstToLastCall()
    {
        // Arrange
        var campaign = Unique("no-sessions");
        await server.Ingest.RecordCallsAsync(FourCalls(campaign, team: ""));

        // Act
        var group = Assert.Single((await server.Kpis.QueryKpisAsync(DayOf(campaign, V1.GroupDimension.Operator))).Groups);

        // Assert: slots 09:00 to 10:00 inclusive = 5 x 15 min = 1.25 h; 4 calls / 1.25 h = 3.2 per hour.
        Assert.True(group.Counts.LoggedHoursEstimated);
        Assert.Equal(1.25, group.Counts.LoggedHours, precision: 9);
        Assert.Equal(3.2, group.Kpis.CallsPerHour.Value, precision: 9);
    }

    [Fact]
    public async Task RecordCalls_OverMaxBatchSize_InvalidArgumentNamingCalls()
    {
        // Arrange
        var request = new V1.RecordCallsRequest();
        for (var i = 0; i < 50_001; i++)
        {
            request.Calls.Add(new V1.CallRecord());
        }

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Ingest.RecordCallsAsync(request).ResponseAsync);

        // Assert
        var violation = FieldViolation(error);
        Assert.Equal("calls", violation.Field);
        Assert.Contains("at most 50000", violation.Description);
    }

    private static V1.RecordCallsRequest FourCalls(string campaign, string team) => Calls(
        Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, NineAm, talkSeconds: 40, team: team),
        Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.NoAnswer, NineAm.AddMinutes(10), team: team),
        Call($"{campaign}-3", campaign, "op-1", V1.CallOutcome.Pitched, NineAm.AddMinutes(20), talkSeconds: 120, team: team),
        Call($"{campaign}-4", campaign, "op-1", V1.CallOutcome.Voicemail, NineAm.AddMinutes(65), team: team));
}
