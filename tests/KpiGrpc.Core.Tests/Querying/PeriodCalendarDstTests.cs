using KpiGrpc.Core.Querying;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

public sealed class PeriodCalendarDstTests
{
    private static readonly TimeZoneInfo Paris = TimeZones.Find("Europe/Paris");

    [Fact]
    public void PeriodStart_DayOfSpringForward_Lasts23Hours()
    {
        // 2026-03-29 in Paris: midnight is +01:00 (23:00Z the day before), the next midnight +02:00 (22:00Z).
        var start = PeriodCalendar.PeriodStart(Utc(2026, 3, 29, 12, 0), Granularity.Day, Paris);
        var end = PeriodCalendar.NextPeriodStart(start, Granularity.Day, Paris);

        Assert.Equal(Utc(2026, 3, 28, 23, 0), start);
        Assert.Equal(Utc(2026, 3, 29, 22, 0), end);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Fact]
    public void PeriodStart_DayOfFallBack_Lasts25Hours()
    {
        // 2026-10-25 in Paris: midnight is +02:00 (22:00Z the day before), the next midnight +01:00 (23:00Z).
        var start = PeriodCalendar.PeriodStart(Utc(2026, 10, 25, 12, 0), Granularity.Day, Paris);
        var end = PeriodCalendar.NextPeriodStart(start, Granularity.Day, Paris);

        Assert.Equal(Utc(2026, 10, 24, 22, 0), start);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Fact]
    public void Periods_HoursOfSpringForwardDay_Are23OneHourPeriodsSkippingTwoOClock()
    {
        var periods = PeriodCalendar.Periods(Utc(2026, 3, 28, 23, 0), Utc(2026, 3, 29, 22, 0), Granularity.Hour, Paris).ToList();

        Assert.Equal(23, periods.Count);
        Assert.All(periods, period => Assert.Equal(TimeSpan.FromHours(1), period.End - period.Start));
        Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        var localHours = periods.Select(period => TimeZoneInfo.ConvertTime(period.Start, Paris).Hour).ToList();
        Assert.Equal([0, 1, 3, 4], localHours.Take(4));
    }

    [Fact]
    public void Periods_HoursOfFallBackDay_Are25OneHourPeriodsWithTwoOClockTwice()
    {
        var periods = PeriodCalendar.Periods(Utc(2026, 10, 24, 22, 0), Utc(2026, 10, 25, 23, 0), Granularity.Hour, Paris).ToList();

        Assert.Equal(25, periods.Count);
        Assert.All(periods, period => Assert.Equal(TimeSpan.FromHours(1), period.End - period.Start));
        var localHours = periods.Select(period => TimeZoneInfo.ConvertTime(period.Start, Paris).Hour).ToList();
        Assert.Equal([0, 1, 2, 2, 3], localHours.Take(5));
    }

    [Theory]
    [InlineData(0, 30, 0)] // 00:30Z is 02:30 +02:00, the first 02:00 hour (00:00Z)
    [InlineData(1, 30, 1)] // 01:30Z is 02:30 +01:00, the repeated 02:00 hour (01:00Z)
    public void PeriodStart_InstantInRepeatedHour_IsTheOccurrenceHoldingIt(int hour, int minute, int expectedUtcHour)
    {
        var start = PeriodCalendar.PeriodStart(Utc(2026, 10, 25, hour, minute), Granularity.Hour, Paris);

        Assert.Equal(Utc(2026, 10, 25, expectedUtcHour, 0), start);
    }

    [Fact]
    public void PeriodStart_WeekOnWednesday_IsMondayLocalMidnight()
    {
        // Wednesday 2026-03-11 -> Monday 2026-03-09 00:00 +01:00 = 2026-03-08 23:00Z.
        var start = PeriodCalendar.PeriodStart(Utc(2026, 3, 11, 10, 0), Granularity.Week, Paris);

        Assert.Equal(Utc(2026, 3, 8, 23, 0), start);
    }

    [Theory]
    [InlineData(22, 30, 9)]  // Sunday 23:30 local still belongs to the week of Monday the 9th
    [InlineData(23, 0, 16)]  // Sunday 23:00Z is Monday 00:00 local: a new week
    public void PeriodStart_WeekAroundSundayMidnightLocal_FollowsLocalClock(int hour, int minute, int expectedMonday)
    {
        var start = PeriodCalendar.PeriodStart(Utc(2026, 3, 15, hour, minute), Granularity.Week, Paris);

        Assert.Equal(new DateTime(2026, 3, expectedMonday), TimeZoneInfo.ConvertTime(start, Paris).DateTime);
    }

    [Fact]
    public void NextPeriodStart_WeekContainingSpringForward_Lasts167Hours()
    {
        // Monday 2026-03-23 00:00 +01:00 to Monday 2026-03-30 00:00 +02:00.
        var start = PeriodCalendar.PeriodStart(Utc(2026, 3, 25, 12, 0), Granularity.Week, Paris);

        var end = PeriodCalendar.NextPeriodStart(start, Granularity.Week, Paris);

        Assert.Equal((Utc(2026, 3, 22, 23, 0), Utc(2026, 3, 29, 22, 0)), (start, end));
    }

    [Fact]
    public void PeriodStart_LastEveningOfMarchInUtcButAprilInParis_IsApril()
    {
        // 2026-03-31 22:30Z is 2026-04-01 00:30 +02:00.
        var start = PeriodCalendar.PeriodStart(Utc(2026, 3, 31, 22, 30), Granularity.Month, Paris);

        Assert.Equal(Utc(2026, 3, 31, 22, 0), start);
    }

    [Fact]
    public void Periods_FirstQuarterInParis_ThreeMonthsMeetingAtLocalMidnights()
    {
        var periods = PeriodCalendar.Periods(Utc(2025, 12, 31, 23, 0), Utc(2026, 3, 31, 22, 0), Granularity.Month, Paris).ToList();

        Assert.Equal(
            [
                (Utc(2025, 12, 31, 23, 0), Utc(2026, 1, 31, 23, 0)),
                (Utc(2026, 1, 31, 23, 0), Utc(2026, 2, 28, 23, 0)),
                (Utc(2026, 2, 28, 23, 0), Utc(2026, 3, 31, 22, 0)),
            ],
            periods);
    }

    [Fact]
    public void NextPeriodStart_DecemberInUtc_IsJanuaryNextYear()
    {
        var next = PeriodCalendar.NextPeriodStart(Utc(2026, 12, 1), Granularity.Month, TimeZoneInfo.Utc);

        Assert.Equal(Utc(2027, 1, 1), next);
    }
}
