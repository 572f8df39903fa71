using KpiGrpc.Core.Querying;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

public sealed class TimeZonesTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZones.Find("Asia/Kolkata");

    [Theory]
    [InlineData(18, 29, 9)]  // 18:29Z is 23:59 local on the 10th, a day that began 2026-03-09 18:30Z
    [InlineData(18, 30, 10)] // 18:30Z is local midnight of the 11th: 2026-03-10 18:30Z
    public void PeriodStart_DayInKolkata_StartsAt1830Utc(int hour, int minute, int expectedUtcDay)
    {
        var start = PeriodCalendar.PeriodStart(Utc(2026, 3, 10, hour, minute), Granularity.Day, Kolkata);

        Assert.Equal(Utc(2026, 3, expectedUtcDay, 18, 30), start);
    }

    [Fact]
    public void Periods_HoursInKolkata_StartOnTheLocalClockHour()
    {
        // 10:20Z is 15:50 +05:30: the hour 15:00-16:00 local is 09:30Z-10:30Z.
        var (start, end) = PeriodCalendar.Periods(Utc(2026, 3, 10, 10, 15), Utc(2026, 3, 10, 10, 30), Granularity.Hour, Kolkata).Single();

        Assert.Equal((Utc(2026, 3, 10, 9, 30), Utc(2026, 3, 10, 10, 30)), (start, end));
    }

    [Fact]
    public void StartOfLocal_MidnightSkippedBySantiagoSpringForward_IsTheInstantClocksJumped()
    {
        // 2024-09-08 in Chile: 23:59:59 -04:00 is followed by 01:00 -03:00 (04:00Z); there is no midnight.
        var santiago = TimeZones.Find("America/Santiago");
        Assert.True(santiago.IsInvalidTime(new DateTime(2024, 9, 8, 0, 0, 0)), "tzdata lacks Chile's 2024 DST change");

        var start = TimeZones.StartOfLocal(new DateTime(2024, 9, 8), santiago);
        var end = PeriodCalendar.NextPeriodStart(start, Granularity.Day, santiago);

        Assert.Equal(Utc(2024, 9, 8, 4, 0), start);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Fact]
    public void PeriodStart_DayBeforeSantiagoGap_EndsWhenClocksJump()
    {
        var santiago = TimeZones.Find("America/Santiago");

        var start = PeriodCalendar.PeriodStart(Utc(2024, 9, 7, 15, 0), Granularity.Day, santiago);
        var end = PeriodCalendar.NextPeriodStart(start, Granularity.Day, santiago);

        Assert.Equal((Utc(2024, 9, 7, 4, 0), Utc(2024, 9, 8, 4, 0)), (start, end));
    }

    [Fact]
    public void StartOfLocal_MidnightRepeatedByHavanaFallBack_IsTheFirstOccurrence()
    {
        // 2024-11-03 in Cuba: 00:59:59 CDT (-04:00) is followed by 00:00 CST (-05:00); midnight happens twice.
        var havana = TimeZones.Find("America/Havana");

        var start = TimeZones.StartOfLocal(new DateTime(2024, 11, 3), havana);
        var end = PeriodCalendar.NextPeriodStart(start, Granularity.Day, havana);

        Assert.Equal(Utc(2024, 11, 3, 4, 0), start);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Fact]
    public void StartOfLocal_TimeSkippedInParis_IsTheInstantClocksJumped()
    {
        // 2026-03-29 02:30 never happened in Paris: clocks went from 02:00 +01:00 to 03:00 +02:00 at 01:00Z.
        var paris = TimeZones.Find("Europe/Paris");

        var start = TimeZones.StartOfLocal(new DateTime(2026, 3, 29, 2, 30, 0), paris);

        Assert.Equal(Utc(2026, 3, 29, 1, 0), start);
    }

    [Fact]
    public void StartOfLocal_TimeRepeatedInParis_IsItsFirstOccurrence()
    {
        // 2026-10-25 02:00 happens at 00:00Z (+02:00) and again at 01:00Z (+01:00).
        var paris = TimeZones.Find("Europe/Paris");

        var start = TimeZones.StartOfLocal(new DateTime(2026, 10, 25, 2, 0, 0), paris);

        Assert.Equal(Utc(2026, 10, 25, 0, 0), start);
    }

    [Fact]
    public void Find_Empty_IsUtc()
    {
        var zone = TimeZones.Find("");

        Assert.Equal(TimeZoneInfo.Utc, zone);
    }

    [Fact]
    public void Find_UnknownZone_ThrowsRequestErrorNamingTheField()
    {
        var ex = Assert.Throws<KpiRequestException>(() => TimeZones.Find("Mars/Olympus_Mons"));

        Assert.Equal("time_zone", ex.Field);
        Assert.Contains("unknown time zone 'Mars/Olympus_Mons'", ex.Message);
    }
}
