using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Core.Tests.Kpis;

/// <summary>
/// The 95% Wilson score intervals, against values worked by hand with z = 1.959964:
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) x sqrt(p(1-p)/n + z²/4n²).
/// </summary>
public sealed class KpiIntervalTests
{
    [Theory]
    [InlineData(0, 10, 0.00, 27.75)]     // centre 0.138767, half 0.138767
    [InlineData(10, 10, 72.25, 100.00)]
    [InlineData(1, 3, 6.15, 79.23)]      // centre 0.426916, half 0.365426
    [InlineData(150, 1000, 12.92, 17.35)] // centre 0.151339, half 0.022129
    public void Wilson_HandWorkedSamples_BoundsInPercent(long successes, long trials, double lower, double upper)
    {
        // Act
        var interval = Assert.NotNull(KpiInterval.Wilson(successes, trials));

        // Assert
        Assert.Equal(lower, interval.Lower, precision: 2);
        Assert.Equal(upper, interval.Upper, precision: 2);
    }

    [Fact]
    public void Wilson_NoTrials_NoInterval()
    {
        Assert.Null(KpiInterval.Wilson(0, 0));
    }

    [Fact]
    public void Compute_EveryRate_CarriesItsInterval()
    {
        // Arrange: 150 answered of 1,000 dialed.
        var counters = KpiCounters.Zero with { Dialed = 1000, Connected = 1000, Answered = 150, TalkMilliseconds = 600_000 };

        // Act
        var kpis = KpiCalculator.Compute(counters, loggedHours: 10, BenchmarkSet.ArticleDefaults);

        // Assert
        var answer = Assert.NotNull(kpis[KpiName.AnswerRate]);
        Assert.Equal(12.92, Assert.NotNull(answer.Interval).Lower, precision: 2);
        Assert.Equal(17.35, answer.Interval.Value.Upper, precision: 2);
        Assert.All(KpiCatalogue.All.Where(kpi => kpi.Formula.IsRate && kpis[kpi.Name] is not null),
            kpi => Assert.NotNull(kpis[kpi.Name]!.Value.Interval));
    }

    [Theory]
    [InlineData(KpiName.CallsPerHour)]
    [InlineData(KpiName.AverageCallDurationSeconds)]
    [InlineData(KpiName.AverageConversationSeconds)]
    public void Compute_NotARate_NoInterval(KpiName name)
    {
        // Arrange
        var counters = KpiCounters.Zero with { Dialed = 100, Connected = 100, Answered = 50, TalkMilliseconds = 6_000_000 };

        // Act
        var value = Assert.NotNull(KpiCalculator.Compute(counters, loggedHours: 2, BenchmarkSet.ArticleDefaults)[name]);

        // Assert
        Assert.Null(value.Interval);
        Assert.False(value.StatusCertain);
    }

    [Theory]
    [InlineData(500, 5000, true)] // 10% of 5,000 pitches: 9.2% to 10.9%, all under 15%: a warning not by chance
    [InlineData(4, 40, false)]    // 10% of 40: 4.0% to 23.1%, across 15%: a warning that could be chance
    [InlineData(6, 40, false)]    // 15% of 40: good, but 7.1% to 29.1% reaches under 15%
    [InlineData(300, 1000, true)] // 30% of 1,000: 27.2% to 32.9%, good whatever the chance
    public void Compute_ConversionRate_StatusCertainOnlyWhenTheIntervalIsOnOneSide(long appointments, long pitched, bool certain)
    {
        // Arrange
        var counters = KpiCounters.Zero with { Dialed = pitched, Connected = pitched, Answered = pitched, Pitched = pitched, Appointments = appointments };

        // Act
        var conversion = Assert.NotNull(KpiCalculator.Compute(counters, loggedHours: 1, BenchmarkSet.ArticleDefaults)[KpiName.ConversionRate]);

        // Assert
        Assert.Equal(certain, conversion.StatusCertain);
    }

    [Fact]
    public void Compute_NotEnoughData_NeverCertain()
    {
        // Arrange: 0 of 10 appointments: a sample under 30.
        var counters = KpiCounters.Zero with { Dialed = 10, Connected = 10, Answered = 10, Pitched = 10 };

        // Act
        var conversion = Assert.NotNull(KpiCalculator.Compute(counters, loggedHours: 1, BenchmarkSet.ArticleDefaults)[KpiName.ConversionRate]);

        // Assert
        Assert.Equal(KpiStatus.NotEnoughData, conversion.Status);
        Assert.False(conversion.StatusCertain);
    }
}
