using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

/// <summary>
/// Best time to call: grouping by the local weekday and hour of the calls, in the query's time
/// zone. Paris changes to summer time on Sunday 29 March 2026: Friday 27 March is UTC+1, Monday
/// 30 March UTC+2, so 09:xx local is 08:xx UTC on the Friday and 07:xx UTC on the Monday.
/// </summary>
public sealed class KpiQueryEngineLocalHourTests
{
    private static readonly DateTimeOffset From = Utc(2026, 3, 26, 23);  // Friday 27 March, 00:00 in Paris
    private static readonly DateTimeOffset To = Utc(2026, 3, 30, 22);    // Tuesday 31 March, 00:00 in Paris

    private static QueryScenario Week() => new QueryScenario().Calls(
        Call("fri-0910", CallOutcome.Answered, Utc(2026, 3, 27, 8, 10), 30, operatorId: "alice"),
        Call("fri-0940", CallOutcome.NoAnswer, Utc(2026, 3, 27, 8, 40), 0, operatorId: "alice"),
        Call("fri-1405", CallOutcome.Answered, Utc(2026, 3, 27, 13, 5), 30, operatorId: "alice"),
        Call("mon-0920", CallOutcome.Answered, Utc(2026, 3, 30, 7, 20), 30, operatorId: "bob"),
        Call("mon-1955", CallOutcome.NoAnswer, Utc(2026, 3, 30, 17, 55), 0, operatorId: "bob"));

    [Fact]
    public async Task QueryAsync_ByWeekdayAndHour_OneRowPerLocalHourMondayFirstAcrossTheDstChange()
    {
        // Act
        var results = await Week().QueryAsync(From, To, GroupDimensions.Weekday | GroupDimensions.HourOfDay, timeZone: "Europe/Paris");

        // Assert: Monday first; each call in its local hour whatever the UTC offset of its day.
        Assert.Equal(
            [(LocalHour.Day.Monday, 9, 1L, 1L), (LocalHour.Day.Monday, 19, 1L, 0L), (LocalHour.Day.Friday, 9, 2L, 1L), (LocalHour.Day.Friday, 14, 1L, 1L)],
            results.Select(row => (row.Weekday!.Value, row.HourOfDay!.Value, row.Counters.Dialed, row.Counters.Answered)));
        Assert.All(results, row => Assert.Null(row.OperatorId));
    }

    [Fact]
    public async Task QueryAsync_ByHourOnly_SumsTheSameLocalHourOfEveryDay()
    {
        // Act
        var results = await Week().QueryAsync(From, To, GroupDimensions.HourOfDay, timeZone: "Europe/Paris");

        // Assert: 09h holds Friday's two calls and Monday's one; 3 answered of... 2 answered of 3 dialed.
        var nine = Assert.Single(results, row => row.HourOfDay == 9);
        Assert.Null(nine.Weekday);
        Assert.Equal((3L, 2L), (nine.Counters.Dialed, nine.Counters.Answered));
        Assert.Equal(200.0 / 3, Assert.NotNull(nine.Kpis[KpiName.AnswerRate]).Value, 9);
        Assert.Equal([9, 14, 19], results.Select(row => row.HourOfDay!.Value));
    }

    [Fact]
    public async Task QueryAsync_ByWeekdayOnly_OneRowPerLocalDay()
    {
        // Act
        var results = await Week().QueryAsync(From, To, GroupDimensions.Weekday, timeZone: "Europe/Paris");

        // Assert
        Assert.Equal(
            [(LocalHour.Day.Monday, 2L), (LocalHour.Day.Friday, 3L)],
            results.Select(row => (row.Weekday!.Value, row.Counters.Dialed)));
    }

    [Fact]
    public async Task QueryAsync_ByOperatorAndHour_EstimatesLoggedTimePerHourFromTheCalls()
    {
        // Act
        var results = await Week().QueryAsync(From, To, GroupDimensions.Operator | GroupDimensions.HourOfDay, timeZone: "Europe/Paris");

        // Assert: alice called at 09:10 and 09:40: the slots 09:00 to 09:45, three quarters of an hour.
        var aliceAtNine = Assert.Single(results, row => row.OperatorId == "alice" && row.HourOfDay == 9);
        Assert.True(aliceAtNine.LoggedHoursEstimated);
        Assert.Equal(0.75, aliceAtNine.LoggedHours, 9);
        Assert.Equal(["alice", "alice", "bob", "bob"], results.Select(row => row.OperatorId));
    }

    [Fact]
    public async Task QueryAsync_ByHourInUtc_TheUtcHours()
    {
        // Act
        var results = await Week().QueryAsync(From, To, GroupDimensions.HourOfDay);

        // Assert: 08:10 and 08:40 UTC on Friday, 07:20 on Monday.
        Assert.Equal([7, 8, 13, 17], results.Select(row => row.HourOfDay!.Value));
    }
}
