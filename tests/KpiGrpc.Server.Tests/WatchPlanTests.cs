using static KpiGrpc.Server.Tests.Proto;
using KpiGrpc.Server.Options;
using KpiGrpc.Server.Watching;

namespace KpiGrpc.Server.Tests;

public sealed class WatchPlanTests
{
    private static readonly WatchOptions Defaults = new();

    [Fact]
    public void WindowAt_Since_FromFloorsToSlotAndQueryEndFollowsTheClock()
    {
        // Arrange
        var plan = WatchPlan.From(new V1.WatchKpisRequest { Since = At(Day.AddHours(9).AddMinutes(7)) }, Defaults);
        var now = Day.AddHours(12).AddMinutes(1);

        // Act
        var window = plan.WindowAt(now);

        // Assert: 09:07 floors to 09:00; now + 24 h = 12:01 next day, ceiled to 12:15.
        Assert.Equal(Day.AddHours(9), window.Start);
        Assert.Equal(Day.AddDays(1).AddHours(12.25), window.QueryEnd);
        Assert.Null(window.End);
        Assert.Equal(long.MaxValue, window.ToSlot);
        Assert.Equal(TimeSpan.FromMilliseconds(250), plan.CoalesceInterval);
    }

    [Fact]
    public void WindowAt_CurrentWeekInParis_MondayMidnightToNextMondayMidnight()
    {
        // Arrange: Day is Monday 3 March 2025; Paris is UTC+1 then.
        var request = new V1.WatchKpisRequest { CurrentPeriod = V1.CurrentPeriod.Week, TimeZone = "Europe/Paris" };
        var plan = WatchPlan.From(request, Defaults);

        // Act: Thursday 6 March, 15:00 UTC.
        var window = plan.WindowAt(Day.AddDays(3).AddHours(15));

        // Assert
        Assert.Equal(Day.AddHours(-1), window.Start);
        Assert.Equal(Day.AddDays(7).AddHours(-1), window.End);
        Assert.Equal(window.End, window.QueryEnd);
    }

    [Fact]
    public void From_UnspecifiedCurrentPeriod_RejectsCurrentPeriod()
    {
        // Arrange
        var request = new V1.WatchKpisRequest { CurrentPeriod = V1.CurrentPeriod.Unspecified };

        // Act
        var error = Assert.Throws<Core.Querying.KpiRequestException>(() => WatchPlan.From(request, Defaults));

        // Assert
        Assert.Equal("current_period", error.Field);
    }
}
