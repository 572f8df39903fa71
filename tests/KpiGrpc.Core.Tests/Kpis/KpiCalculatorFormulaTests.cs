using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Core.Tests.Kpis;

public sealed class KpiCalculatorFormulaTests
{
    private static KpiCounters Counts(
        long dialed = 0, long connected = 0, long answered = 0, long rejected = 0, long pitched = 0,
        long appointments = 0, long sales = 0, long dropped = 0, long talkMs = 0) =>
        new(dialed, connected, answered, rejected, pitched, appointments, sales, dropped, talkMs, 0);

    /// <summary>The catalogue's formula for <paramref name="kpi"/>.</summary>
    private static double? Value(KpiName kpi, KpiCounters counters, double loggedHours = 0) =>
        KpiCatalogue.Of(kpi).Formula.Value(counters, loggedHours);

    [Fact]
    public void ListValidityRate_190ConnectedOf200Dialed_Is95Percent()
    {
        // 190 / 200 x 100 = 95
        var counters = Counts(dialed: 200, connected: 190);

        var rate = Value(KpiName.ListValidityRate, counters);

        Assert.Equal(95.0, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void AnswerRate_50AnsweredOf200Dialed_Is25Percent()
    {
        // 50 / 200 x 100 = 25
        var counters = Counts(dialed: 200, connected: 190, answered: 50);

        var rate = Value(KpiName.AnswerRate, counters);

        Assert.Equal(25.0, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void RejectionRate_8RejectedOf160Dialed_Is5Percent()
    {
        // 8 / 160 x 100 = 5
        var counters = Counts(dialed: 160, connected: 150, answered: 40, rejected: 8);

        var rate = Value(KpiName.RejectionRate, counters);

        Assert.Equal(5.0, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void CallsPerHour_90DialedIn2AndAHalfHours_Is36()
    {
        // 90 / 2.5 = 36
        var rate = Value(KpiName.CallsPerHour, Counts(dialed: 90), loggedHours: 2.5);

        Assert.Equal(36.0, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void AverageCallDurationSeconds_600sTalkOver40Dialed_Is15Seconds()
    {
        // 600 s / 40 dialed = 15 s (the article's formula divides by every dial, not only answers)
        var counters = Counts(dialed: 40, connected: 30, answered: 10, talkMs: 600_000);

        var seconds = Value(KpiName.AverageCallDurationSeconds, counters);

        Assert.Equal(15.0, Assert.NotNull(seconds), 9);
    }

    [Fact]
    public void AverageConversationSeconds_600sTalkOver10Answered_Is60Seconds()
    {
        // 600 s / 10 answered = 60 s
        var counters = Counts(dialed: 40, connected: 30, answered: 10, talkMs: 600_000);

        var seconds = Value(KpiName.AverageConversationSeconds, counters);

        Assert.Equal(60.0, Assert.NotNull(seconds), 9);
    }

    [Fact]
    public void PitchRate_30PitchedOf120Connected_Is25Percent()
    {
        // 30 / 120 x 100 = 25 (connected, not dialed, is the denominator)
        var counters = Counts(dialed: 150, connected: 120, answered: 60, pitched: 30);

        var rate = Value(KpiName.PitchRate, counters);

        Assert.Equal(25.0, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void ConversionRate_6AppointmentsOf40Pitched_Is15Percent()
    {
        // 6 / 40 x 100 = 15
        var counters = Counts(dialed: 300, connected: 280, answered: 100, pitched: 40, appointments: 6);

        var rate = Value(KpiName.ConversionRate, counters);

        Assert.Equal(15.0, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void CloseRate_3SalesOf8Appointments_Is37AndAHalfPercent()
    {
        // 3 / 8 x 100 = 37.5
        var counters = Counts(dialed: 300, connected: 280, answered: 100, pitched: 40, appointments: 8, sales: 3);

        var rate = Value(KpiName.CloseRate, counters);

        Assert.Equal(37.5, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void AbandonRate_2DroppedOf80Answered_Is2AndAHalfPercent()
    {
        // 2 / 80 x 100 = 2.5
        var counters = Counts(dialed: 300, connected: 280, answered: 80, dropped: 2);

        var rate = Value(KpiName.AbandonRate, counters);

        Assert.Equal(2.5, Assert.NotNull(rate), 9);
    }

    [Fact]
    public void Sample_EveryKpi_IsTheCountItIsJudgedOn()
    {
        // Arrange: each KPI is judged on its denominator; a per-hour rate on the calls it counts.
        // A KPI added to the catalogue without its line here fails this test.
        var counters = Counts(
            dialed: 1000, connected: 900, answered: 300, rejected: 50, pitched: 120, appointments: 20, sales: 5, dropped: 7);
        var expected = new Dictionary<KpiName, long>
        {
            [KpiName.ListValidityRate] = 1000,           // dialed
            [KpiName.AnswerRate] = 1000,                 // dialed
            [KpiName.RejectionRate] = 1000,              // dialed
            [KpiName.CallsPerHour] = 1000,               // dialed
            [KpiName.AverageCallDurationSeconds] = 1000, // dialed
            [KpiName.AverageConversationSeconds] = 300,  // answered
            [KpiName.PitchRate] = 900,                   // connected
            [KpiName.ConversionRate] = 120,              // pitched
            [KpiName.CloseRate] = 20,                    // appointments
            [KpiName.AbandonRate] = 300,                 // answered
        };

        // Act
        var samples = KpiCatalogue.All.ToDictionary(kpi => kpi.Name, kpi => kpi.Formula.Sample(counters));

        // Assert
        Assert.Equal(expected.OrderBy(pair => pair.Key), samples.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void Compute_NoCalls_EveryKpiIsAbsent()
    {
        var kpis = KpiCalculator.Compute(KpiCounters.Zero, loggedHours: 0, BenchmarkSet.ArticleDefaults);

        Assert.All(KpiCatalogue.All, kpi => Assert.Null(kpis[kpi.Name]));
    }

    [Fact]
    public void Compute_CallsButNobodyAnswered_AnsweredBasedKpisAreAbsentNotZero()
    {
        // 10 dialed, 4 connected (voicemail), nobody answered: answered-based KPIs have no denominator.
        var counters = Counts(dialed: 10, connected: 4);

        var kpis = KpiCalculator.Compute(counters, loggedHours: 0, BenchmarkSet.ArticleDefaults);

        Assert.Equal(40.0, Assert.NotNull(kpis[KpiName.ListValidityRate]).Value, 9);
        Assert.Equal(0.0, Assert.NotNull(kpis[KpiName.AnswerRate]).Value, 9);
        Assert.Null(kpis[KpiName.AverageConversationSeconds]);
        Assert.Null(kpis[KpiName.AbandonRate]);
        Assert.Null(kpis[KpiName.ConversionRate]);
        Assert.Null(kpis[KpiName.CloseRate]);
        Assert.Null(kpis[KpiName.CallsPerHour]);
    }

    [Fact]
    public void CallsPerHour_NoLoggedTime_IsAbsent()
    {
        var rate = Value(KpiName.CallsPerHour, Counts(dialed: 90), loggedHours: 0);

        Assert.Null(rate);
    }
}
