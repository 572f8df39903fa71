using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

public sealed class QueryKpisTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    [Fact]
    public async Task QueryKpis_GroupByOperator_OneGroupPerOperatorWithHandWorkedKpis()
    {
        // Arrange
        var campaign = Unique("by-operator");
        await server.Ingest.RecordCallsAsync(Calls(
            Call($"{campaign}-a1", campaign, "op-a", V1.CallOutcome.InvalidNumber, NineAm),
            Call($"{campaign}-a2", campaign, "op-a", V1.CallOutcome.NoAnswer, NineAm.AddMinutes(5)),
            Call($"{campaign}-a3", campaign, "op-a", V1.CallOutcome.Pitched, NineAm.AddMinutes(10), talkSeconds: 200),
            Call($"{campaign}-a4", campaign, "op-a", V1.CallOutcome.Appointment, NineAm.AddMinutes(20), talkSeconds: 300),
            Call($"{campaign}-b1", campaign, "op-b", V1.CallOutcome.Answered, NineAm, talkSeconds: 60),
            Call($"{campaign}-b2", campaign, "op-b", V1.CallOutcome.Rejected, NineAm.AddMinutes(1), talkSeconds: 5)));

        // Act
        var groups = (await server.Kpis.QueryKpisAsync(DayOf(campaign, V1.GroupDimension.Operator))).Groups;

        // Assert
        Assert.Equal(["op-a", "op-b"], groups.Select(g => g.Key.OperatorId));
        Assert.All(groups, g => Assert.Equal(("", "", null), (g.Key.TeamId, g.Key.CampaignId, g.Key.PeriodStart)));

        // op-a: dialed 4, connected 3, answered 2, pitched 2, appointments 1, talk 500 s.
        var a = groups[0];
        Assert.Equal((4, 3, 2, 2, 1, 500.0), (a.Counts.Dialed, a.Counts.Connected, a.Counts.Answered, a.Counts.Pitched, a.Counts.Appointments, a.Counts.TalkSeconds));
        Assert.Equal(75.0, a.Kpis.ListValidityRate.Value, precision: 9);            // 3 / 4
        Assert.Equal(50.0, a.Kpis.AnswerRate.Value, precision: 9);                  // 2 / 4
        Assert.Equal(200.0 / 3.0, a.Kpis.PitchRate.Value, precision: 9);            // 2 / 3
        Assert.Equal(50.0, a.Kpis.ConversionRate.Value, precision: 9);              // 1 / 2
        Assert.Equal(125.0, a.Kpis.AverageCallDurationSeconds.Value, precision: 9); // 500 / 4
        Assert.Equal(250.0, a.Kpis.AverageConversationSeconds.Value, precision: 9); // 500 / 2
        Assert.Equal(V1.KpiStatus.NotEnoughData, a.Kpis.PitchRate.Status);          // 3 connected < 30

        // op-b: dialed 2, answered 2, rejected 1, nothing pitched: conversion and close rates are absent.
        var b = groups[1];
        Assert.Equal((2, 2, 1, 0), (b.Counts.Dialed, b.Counts.Answered, b.Counts.Rejected, b.Counts.Pitched));
        Assert.Equal(50.0, b.Kpis.RejectionRate.Value, precision: 9);               // 1 / 2
        Assert.Equal(0.0, b.Kpis.PitchRate.Value, precision: 9);                    // 0 / 2
        Assert.Null(b.Kpis.ConversionRate);
        Assert.Null(b.Kpis.CloseRate);
    }

    [Fact]
    public async Task QueryKpis_DayGranularityInTimeZone_PeriodsFollowLocalMidnight()
    {
        // Arrange: 23:30 UTC on 3 March is 00:30 on 4 March in Paris (UTC+1).
        var campaign = Unique("periods");
        await server.Ingest.RecordCallsAsync(Calls(
            Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, Day.AddHours(10)),
            Call($"{campaign}-2", campaign, "op-1", V1.CallOutcome.Answered, Day.AddHours(23.5))));
        var request = DayOf(campaign);
        request.Granularity = V1.Granularity.Day;
        request.TimeZone = "Europe/Paris";

        // Act
        var groups = (await server.Kpis.QueryKpisAsync(request)).Groups;

        // Assert
        Assert.Equal(
            [(Day.AddHours(-1), 1L), (Day.AddHours(23), 1L)],
            groups.Select(g => (g.Key.PeriodStart.ToDateTimeOffset(), g.Counts.Dialed)));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", 0, 60 * 24, "time_zone")]
    [InlineData("", 7, 60 * 24, "from")]
    [InlineData("", 0, 0, "to")]
    [InlineData("", 60, 0, "to")]
    public async Task QueryKpis_BadRequest_InvalidArgumentWithFieldViolation(string timeZone, int fromMinute, int toMinute, string field)
    {
        // Arrange
        var request = new V1.QueryKpisRequest
        {
            From = At(Day.AddMinutes(fromMinute)),
            To = At(Day.AddMinutes(toMinute)),
            TimeZone = timeZone,
        };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Kpis.QueryKpisAsync(request).ResponseAsync);

        // Assert
        var violation = FieldViolation(error);
        Assert.Equal(field, violation.Field);
        Assert.Equal(error.Status.Detail, violation.Description);
    }

    [Fact]
    public async Task QueryKpis_UnspecifiedGroupDimension_InvalidArgumentOnGroupBy()
    {
        // Arrange
        var request = DayOf("any", V1.GroupDimension.Operator, V1.GroupDimension.Unspecified);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Kpis.QueryKpisAsync(request).ResponseAsync);

        // Assert
        Assert.Equal("group_by", FieldViolation(error).Field);
    }

    [Fact]
    public async Task QueryKpis_MissingFrom_InvalidArgumentFromIsRequired()
    {
        // Arrange
        var request = new V1.QueryKpisRequest { To = At(Day) };

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Kpis.QueryKpisAsync(request).ResponseAsync);

        // Assert
        var violation = FieldViolation(error);
        Assert.Equal(("from", "from is required"), (violation.Field, violation.Description));
    }
}
