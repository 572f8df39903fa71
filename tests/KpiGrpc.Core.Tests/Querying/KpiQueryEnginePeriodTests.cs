using KpiGrpc.Core.Querying;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

public sealed class KpiQueryEnginePeriodTests
{
    private const string Paris = "Europe/Paris";

    [Fact]
    public async Task QueryAsync_DaysInParisAcrossSpringForward_CallsLandInTheirLocalDay()
    {
        // Local 23:30 on the 28th (+01:00) is 22:30Z; local 23:30 on the 29th (+02:00) is 21:30Z;
        // 22:30Z on the 29th is already 00:30 on the 30th.
        var scenario = new QueryScenario().Calls(
            Call("sat-2330", at: Utc(2026, 3, 28, 22, 30)),
            Call("sun-2330", at: Utc(2026, 3, 29, 21, 30)),
            Call("mon-0030", at: Utc(2026, 3, 29, 22, 30)));

        var results = await scenario.QueryAsync(Utc(2026, 3, 27, 23, 0), Utc(2026, 3, 30, 22, 0), granularity: Granularity.Day, timeZone: Paris);

        Assert.Equal(
            [
                (Utc(2026, 3, 27, 23, 0), Utc(2026, 3, 28, 23, 0), 1L),
                (Utc(2026, 3, 28, 23, 0), Utc(2026, 3, 29, 22, 0), 1L),
                (Utc(2026, 3, 29, 22, 0), Utc(2026, 3, 30, 22, 0), 1L),
            ],
            results.Select(row => (row.PeriodStart!.Value, row.PeriodEnd!.Value, row.Counters.Dialed)));
    }

    [Fact]
    public async Task QueryAsync_CallExactlyAtLocalMidnight_CountsInTheDayItOpens()
    {
        // 2026-03-29 22:00Z is Monday 00:00 in Paris; 21:45Z is Sunday's last quarter.
        var scenario = new QueryScenario().Calls(
            Call("last-quarter", at: Utc(2026, 3, 29, 21, 45)),
            Call("midnight", at: Utc(2026, 3, 29, 22, 0)));

        var results = await scenario.QueryAsync(Utc(2026, 3, 28, 23, 0), Utc(2026, 3, 30, 22, 0), granularity: Granularity.Day, timeZone: Paris);

        Assert.Equal(
            [(Utc(2026, 3, 28, 23, 0), 1L), (Utc(2026, 3, 29, 22, 0), 1L)],
            results.Select(row => (row.PeriodStart!.Value, row.Counters.Dialed)));
    }

    [Fact]
    public async Task QueryAsync_HoursAroundSpringForward_ConsecutiveRealHours()
    {
        // 00:30Z is 01:30 +01:00 and 01:30Z is 03:30 +02:00: adjacent hours, 02:00 never happened.
        var scenario = new QueryScenario().Calls(
            Call("a", at: Utc(2026, 3, 29, 0, 30)),
            Call("b", at: Utc(2026, 3, 29, 1, 30)));

        var results = await scenario.QueryAsync(Utc(2026, 3, 28, 23, 0), Utc(2026, 3, 29, 22, 0), granularity: Granularity.Hour, timeZone: Paris);

        Assert.Equal(
            [(Utc(2026, 3, 29, 0, 0), Utc(2026, 3, 29, 1, 0)), (Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 29, 2, 0))],
            results.Select(row => (row.PeriodStart!.Value, row.PeriodEnd!.Value)));
    }

    [Fact]
    public async Task QueryAsync_CallsInBothRepeatedTwoOClockHours_StayInSeparateHours()
    {
        // 00:30Z and 01:30Z are both 02:30 local on 2026-10-25.
        var scenario = new QueryScenario().Calls(
            Call("first", at: Utc(2026, 10, 25, 0, 30)),
            Call("second", at: Utc(2026, 10, 25, 1, 30)));

        var results = await scenario.QueryAsync(Utc(2026, 10, 24, 22, 0), Utc(2026, 10, 25, 23, 0), granularity: Granularity.Hour, timeZone: Paris);

        Assert.Equal(
            [(Utc(2026, 10, 25, 0, 0), 1L), (Utc(2026, 10, 25, 1, 0), 1L)],
            results.Select(row => (row.PeriodStart!.Value, row.Counters.Dialed)));
    }

    [Fact]
    public async Task QueryAsync_ByOperatorAndDay_SortedByOperatorThenPeriod()
    {
        var scenario = new QueryScenario().Calls(
            Call("z2", at: Utc(2026, 3, 11, 9, 0), operatorId: "zoe"),
            Call("z1", at: Utc(2026, 3, 10, 9, 0), operatorId: "zoe"),
            Call("a2", at: Utc(2026, 3, 11, 9, 0), operatorId: "adam"),
            Call("a1", at: Utc(2026, 3, 10, 9, 0), operatorId: "adam"));

        var results = await scenario.QueryAsync(Utc(2026, 3, 10), Utc(2026, 3, 12), GroupDimensions.Operator, Granularity.Day);

        Assert.Equal(
            [("adam", Utc(2026, 3, 10)), ("adam", Utc(2026, 3, 11)), ("zoe", Utc(2026, 3, 10)), ("zoe", Utc(2026, 3, 11))],
            results.Select(row => (row.OperatorId, row.PeriodStart!.Value)));
    }
}
