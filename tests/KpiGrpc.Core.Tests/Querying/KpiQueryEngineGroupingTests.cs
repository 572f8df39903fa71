using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

public sealed class KpiQueryEngineGroupingTests
{
    private static readonly DateTimeOffset Day = Utc(2026, 3, 10);

    // bob/team-2/camp-1: 3 pitched; alice/team-1: 2 answered on camp-1, 1 no answer on camp-2.
    private static QueryScenario Floor() => new QueryScenario().Calls(
        Call("b1", CallOutcome.Pitched, Day.AddHours(9), 60, "camp-1", "team-2", "bob"),
        Call("b2", CallOutcome.Pitched, Day.AddHours(10), 60, "camp-1", "team-2", "bob"),
        Call("b3", CallOutcome.Pitched, Day.AddHours(11), 60, "camp-1", "team-2", "bob"),
        Call("a1", CallOutcome.Answered, Day.AddHours(9), 30, "camp-1", "team-1", "alice"),
        Call("a2", CallOutcome.Answered, Day.AddHours(9), 30, "camp-1", "team-1", "alice"),
        Call("a3", CallOutcome.NoAnswer, Day.AddHours(10), 0, "camp-2", "team-1", "alice"));

    [Fact]
    public async Task QueryAsync_NoGrouping_OneTotalRowWithoutKeysOrPeriod()
    {
        var results = await Floor().QueryAsync(Day, Day.AddDays(1));

        var total = Assert.Single(results);
        Assert.Equal((null, null, null, null), (total.OperatorId, total.TeamId, total.CampaignId, total.PeriodStart));
        Assert.Equal((6L, 6L, 5L, 3L), (total.Counters.Dialed, total.Counters.Connected, total.Counters.Answered, total.Counters.Pitched));
        // 3 pitched / 6 connected = 50%
        Assert.Equal(50.0, Assert.NotNull(total.Kpis[KpiName.PitchRate]).Value, 9);
    }

    [Fact]
    public async Task QueryAsync_ByOperator_OneRowPerOperatorSortedById()
    {
        var results = await Floor().QueryAsync(Day, Day.AddDays(1), GroupDimensions.Operator);

        Assert.Equal(
            [("alice", 3L), ("bob", 3L)],
            results.Select(row => (row.OperatorId, row.Counters.Dialed)));
        Assert.All(results, row => Assert.Null(row.CampaignId));
    }

    [Fact]
    public async Task QueryAsync_ByTeamAndCampaign_OneRowPerCombination()
    {
        var results = await Floor().QueryAsync(Day, Day.AddDays(1), GroupDimensions.Team | GroupDimensions.Campaign);

        Assert.Equal(
            [("team-1", "camp-1", 2L), ("team-1", "camp-2", 1L), ("team-2", "camp-1", 3L)],
            results.Select(row => (row.TeamId, row.CampaignId, row.Counters.Dialed)));
        Assert.All(results, row => Assert.Null(row.OperatorId));
    }

    [Fact]
    public async Task QueryAsync_FilterOnCampaign_CountsOnlyItsCalls()
    {
        var results = await Floor().QueryAsync(Day, Day.AddDays(1), filter: QueryScenario.Only(campaigns: ["camp-1"]));

        Assert.Equal(5, Assert.Single(results).Counters.Dialed);
    }

    [Fact]
    public async Task QueryAsync_FilterOnTeamAndOperator_BothMustMatch()
    {
        var filter = QueryScenario.Only(teams: ["team-1", "team-2"], operators: ["bob"]);

        var results = await Floor().QueryAsync(Day, Day.AddDays(1), GroupDimensions.Operator, filter: filter);

        var row = Assert.Single(results);
        Assert.Equal(("bob", 3L), (row.OperatorId, row.Counters.Dialed));
    }

    [Fact]
    public async Task QueryAsync_CallAtRangeEnd_IsLeftOut()
    {
        // [09:00, 10:00) holds the three 09:00 calls, not the two at 10:00.
        var results = await Floor().QueryAsync(Day.AddHours(9), Day.AddHours(10));

        Assert.Equal(3, Assert.Single(results).Counters.Dialed);
    }

    [Fact]
    public async Task QueryAsync_AppointmentsWithSales_GiveCloseRate()
    {
        // 4 appointments, 1 sold -> 25%
        var calls = Enumerable.Range(1, 4).Select(i => Call($"c{i}", CallOutcome.Appointment, Day.AddHours(9), 200));
        var scenario = new QueryScenario().Calls(calls, sales: new HashSet<string> { "c2" });

        var results = await scenario.QueryAsync(Day, Day.AddDays(1));

        Assert.Equal(25.0, Assert.NotNull(Assert.Single(results).Kpis[KpiName.CloseRate]).Value, 9);
    }

    [Fact]
    public async Task QueryAsync_GroupedByCampaignWithOverride_JudgesEachCampaignByItsOwnSet()
    {
        // camp-1 judges from 2 calls: 2 / 2 connected is 100%, good there; camp-2 needs 30.
        var small = BenchmarkSet.ArticleDefaults.With(2, new Dictionary<KpiName, KpiBenchmark>());
        var scenario = new QueryScenario
        {
            Benchmarks = new BenchmarkCatalog(BenchmarkSet.ArticleDefaults, new Dictionary<string, BenchmarkSet> { ["camp-1"] = small }),
        };
        scenario.Calls(
            Call("x1", CallOutcome.Answered, Day.AddHours(9), campaign: "camp-1"),
            Call("x2", CallOutcome.Answered, Day.AddHours(9), campaign: "camp-1"),
            Call("y1", CallOutcome.Answered, Day.AddHours(9), campaign: "camp-2"),
            Call("y2", CallOutcome.Answered, Day.AddHours(9), campaign: "camp-2"));

        var results = await scenario.QueryAsync(Day, Day.AddDays(1), GroupDimensions.Campaign);

        Assert.Equal(
            [("camp-1", KpiStatus.Good), ("camp-2", KpiStatus.NotEnoughData)],
            results.Select(row => (row.CampaignId, Assert.NotNull(row.Kpis[KpiName.ListValidityRate]).Status)));
    }
}
