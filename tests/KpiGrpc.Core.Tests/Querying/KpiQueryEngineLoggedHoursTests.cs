using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

public sealed class KpiQueryEngineLoggedHoursTests
{
    private static readonly DateTimeOffset Day1 = Utc(2026, 3, 10);

    [Fact]
    public async Task QueryAsync_NoSessions_EstimatesFirstToLastCallSlotPerDayAndOperator()
    {
        // alice day 1: 09:00 to the 11:45 slot = 12 slots = 3 h; alice day 2: one slot = 0.25 h;
        // bob day 1: 10:00 to the 10:30 slot = 3 slots = 0.75 h. Total 4 h (not alice's 29-hour overnight span).
        var scenario = new QueryScenario().Calls(
            Call("a1", at: Day1.AddHours(9), operatorId: "alice"),
            Call("a2", at: Day1.AddHours(9).AddMinutes(20), operatorId: "alice"),
            Call("a3", at: Day1.AddHours(11).AddMinutes(50), operatorId: "alice"),
            Call("a4", at: Day1.AddDays(1).AddHours(14).AddMinutes(5), operatorId: "alice"),
            Call("b1", at: Day1.AddHours(10), operatorId: "bob"),
            Call("b2", at: Day1.AddHours(10).AddMinutes(40), operatorId: "bob"));

        var results = await scenario.QueryAsync(Day1, Day1.AddDays(2));

        var total = Assert.Single(results);
        Assert.True(total.LoggedHoursEstimated);
        Assert.Equal(4.0, total.LoggedHours, 9);
        // 6 calls / 4 h = 1.5
        Assert.Equal(1.5, Assert.NotNull(total.Kpis[KpiName.CallsPerHour]).Value, 9);
    }

    [Fact]
    public async Task QueryAsync_WeekWithoutSessions_SumsEachLocalDaysEstimate()
    {
        // Paris, week of Monday 2026-03-09: Monday 09:00-10:00 local (08:00Z to the 09:00Z slot) = 5 slots = 1.25 h,
        // Tuesday 14:00-14:30 local = 3 slots = 0.75 h. The week logs 2 h, not Monday 09:00 to Tuesday 14:30.
        var scenario = new QueryScenario().Calls(
            Call("mon-1", at: Utc(2026, 3, 9, 8, 0)),
            Call("mon-2", at: Utc(2026, 3, 9, 9, 0)),
            Call("tue-1", at: Utc(2026, 3, 10, 13, 0)),
            Call("tue-2", at: Utc(2026, 3, 10, 13, 30)));

        var results = await scenario.QueryAsync(Utc(2026, 3, 8, 23, 0), Utc(2026, 3, 15, 23, 0), granularity: Granularity.Week, timeZone: "Europe/Paris");

        var week = Assert.Single(results);
        Assert.Equal((Utc(2026, 3, 8, 23, 0), Utc(2026, 3, 15, 23, 0)), (week.PeriodStart!.Value, week.PeriodEnd!.Value));
        Assert.Equal(2.0, week.LoggedHours, 9);
        Assert.True(week.LoggedHoursEstimated);
    }

    [Fact]
    public async Task QueryAsync_NoSessionsInParis_EstimateSplitsAtLocalMidnight()
    {
        // 22:50Z and 23:40Z: the same UTC day (22:45 to 23:30 = 4 slots = 1 h), but in Paris
        // 23:50 and 00:40 fall on two local days of one slot each = 0.5 h.
        var scenario = new QueryScenario().Calls(
            Call("late", at: Day1.AddHours(22).AddMinutes(50)),
            Call("after-midnight", at: Day1.AddHours(23).AddMinutes(40)));

        var paris = await scenario.QueryAsync(Day1, Day1.AddDays(2), timeZone: "Europe/Paris");
        var utc = await scenario.QueryAsync(Day1, Day1.AddDays(2));

        Assert.Equal(0.5, Assert.Single(paris).LoggedHours, 9);
        Assert.Equal(1.0, Assert.Single(utc).LoggedHours, 9);
    }

    [Fact]
    public async Task QueryAsync_OperatorOnTwoCampaignsSameDay_EstimateSpansBoth()
    {
        // 09:00 on camp-1 and 11:00 on camp-2: 09:00 to the 11:00 slot = 9 slots = 2.25 h, not 2 x 0.25 h.
        var scenario = new QueryScenario().Calls(
            Call("x", at: Day1.AddHours(9), campaign: "camp-1"),
            Call("y", at: Day1.AddHours(11), campaign: "camp-2"));

        var results = await scenario.QueryAsync(Day1, Day1.AddDays(1), GroupDimensions.Operator);

        Assert.Equal(2.25, Assert.Single(results).LoggedHours, 9);
    }

    [Fact]
    public async Task QueryAsync_WithSessions_UsesSessionTimeNotEstimate()
    {
        // 6 calls between 09:00 and 09:30 during a 08:00-12:00 session: 6 / 4 h = 1.5 calls per hour.
        var calls = Enumerable.Range(0, 6).Select(i => Call($"c{i}", at: Day1.AddHours(9).AddMinutes(5 * i))).ToArray();
        var scenario = new QueryScenario().Calls(calls).Sessions(Session(Day1.AddHours(8), Day1.AddHours(12)));

        var results = await scenario.QueryAsync(Day1, Day1.AddDays(1));

        var total = Assert.Single(results);
        Assert.False(total.LoggedHoursEstimated);
        Assert.Equal(4.0, total.LoggedHours, 9);
        Assert.Equal(1.5, Assert.NotNull(total.Kpis[KpiName.CallsPerHour]).Value, 9);
    }

    [Fact]
    public async Task QueryAsync_ByOperatorOnlyOneWithSessions_OnlyTheOtherIsEstimated()
    {
        var scenario = new QueryScenario()
            .Calls(
                Call("a", at: Day1.AddHours(9), operatorId: "alice"),
                Call("b", at: Day1.AddHours(9), operatorId: "bob"))
            .Sessions(Session(Day1.AddHours(8), Day1.AddHours(12), operatorId: "alice"));

        var results = await scenario.QueryAsync(Day1, Day1.AddDays(1), GroupDimensions.Operator);

        Assert.Equal(
            [("alice", 4.0, false), ("bob", 0.25, true)],
            results.Select(row => (row.OperatorId, row.LoggedHours, row.LoggedHoursEstimated)));
    }

    [Fact]
    public async Task QueryAsync_SessionWithoutCampaign_CountsOnlyWhenCampaignsAreNotInvolved()
    {
        // The 4-hour session has no campaign: it counts in the total, but cannot be given to camp-1.
        var scenario = new QueryScenario()
            .Calls(Call("a", at: Day1.AddHours(9), campaign: "camp-1"))
            .Sessions(Session(Day1.AddHours(8), Day1.AddHours(12), campaign: ""));

        var total = Assert.Single(await scenario.QueryAsync(Day1, Day1.AddDays(1)));
        var byCampaign = Assert.Single(await scenario.QueryAsync(Day1, Day1.AddDays(1), GroupDimensions.Campaign));
        var filtered = Assert.Single(await scenario.QueryAsync(Day1, Day1.AddDays(1), filter: QueryScenario.Only(campaigns: ["camp-1"])));

        Assert.Equal((4.0, false), (total.LoggedHours, total.LoggedHoursEstimated));
        Assert.Equal(("camp-1", 0.25, true), (byCampaign.CampaignId, byCampaign.LoggedHours, byCampaign.LoggedHoursEstimated));
        Assert.Equal((0.25, true), (filtered.LoggedHours, filtered.LoggedHoursEstimated));
    }

    [Fact]
    public async Task QueryAsync_SessionOnACampaign_CountsForThatCampaign()
    {
        var scenario = new QueryScenario()
            .Calls(Call("a", at: Day1.AddHours(9), campaign: "camp-1"))
            .Sessions(Session(Day1.AddHours(8), Day1.AddHours(10), campaign: "camp-1"));

        var results = await scenario.QueryAsync(Day1, Day1.AddDays(1), GroupDimensions.Campaign);

        var row = Assert.Single(results);
        Assert.Equal((2.0, false), (row.LoggedHours, row.LoggedHoursEstimated));
    }

    [Fact]
    public async Task QueryAsync_OperatorLoggedInWithoutCalls_ReportedWithZeroCallsPerHour()
    {
        // 0 calls / 2 h = 0 calls per hour: a real figure, since logged time is not zero.
        var scenario = new QueryScenario().Sessions(Session(Day1.AddHours(8), Day1.AddHours(10), operatorId: "idle"));

        var results = await scenario.QueryAsync(Day1, Day1.AddDays(1), GroupDimensions.Operator);

        var row = Assert.Single(results);
        Assert.Equal(("idle", 0L, 2.0), (row.OperatorId, row.Counters.Dialed, row.LoggedHours));
        Assert.Equal(0.0, Assert.NotNull(row.Kpis[KpiName.CallsPerHour]).Value, 9);
        Assert.Null(row.Kpis[KpiName.ListValidityRate]);
    }

    [Fact]
    public async Task QueryAsync_SessionOverlappingRangeStart_CountsOnlyTimeInsideTheRange()
    {
        // Logged 07:00-11:00, query from 09:00: 2 hours fall in the range.
        var scenario = new QueryScenario()
            .Calls(Call("a", at: Day1.AddHours(9), outcome: CallOutcome.Busy))
            .Sessions(Session(Day1.AddHours(7), Day1.AddHours(11)));

        var results = await scenario.QueryAsync(Day1.AddHours(9), Day1.AddDays(1));

        Assert.Equal(2.0, Assert.Single(results).LoggedHours, 9);
    }
}
