using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Core.Tests.Kpis;

public sealed class KpiCalculatorStatusTests
{
    private static KpiSet Compute(KpiCounters counters, BenchmarkSet? benchmarks = null) =>
        KpiCalculator.Compute(counters, loggedHours: 1, benchmarks ?? BenchmarkSet.ArticleDefaults);

    [Theory]
    [InlineData(190, KpiStatus.Good)]    // 190 / 200 = 95%: good at 95 and above
    [InlineData(184, KpiStatus.Warning)] // 184 / 200 = 92%: between 90 and 95
    [InlineData(180, KpiStatus.Warning)] // 180 / 200 = 90%: not yet below 90
    [InlineData(178, KpiStatus.Bad)]     // 178 / 200 = 89%: below 90
    public void Compute_ListValidityRate_JudgedAgainstArticleFigures(long connected, KpiStatus expected)
    {
        var counters = KpiCounters.Zero with { Dialed = 200, Connected = connected };

        var kpis = Compute(counters);

        Assert.Equal(expected, Assert.NotNull(kpis[KpiName.ListValidityRate]).Status);
    }

    [Theory]
    [InlineData(20, KpiStatus.Good)] // 20 / 100 = 20%: not under 20
    [InlineData(19, KpiStatus.Bad)]  // 19 / 100 = 19%: revise the script
    public void Compute_PitchRate_Under20PercentIsBad(long pitched, KpiStatus expected)
    {
        var counters = KpiCounters.Zero with { Dialed = 100, Connected = 100, Answered = 100, Pitched = pitched };

        var kpis = Compute(counters);

        Assert.Equal(expected, Assert.NotNull(kpis[KpiName.PitchRate]).Status);
    }

    [Theory]
    [InlineData(6, KpiStatus.Good)]    // 6 / 40 = 15%
    [InlineData(5, KpiStatus.Warning)] // 5 / 40 = 12.5%
    [InlineData(0, KpiStatus.Warning)] // 0%: a warning, the article sets no alert level
    public void Compute_ConversionRate_15PercentOrMoreIsGood(long appointments, KpiStatus expected)
    {
        var counters = KpiCounters.Zero with { Dialed = 40, Connected = 40, Answered = 40, Pitched = 40, Appointments = appointments };

        var kpis = Compute(counters);

        Assert.Equal(expected, Assert.NotNull(kpis[KpiName.ConversionRate]).Status);
    }

    [Theory]
    [InlineData(3, KpiStatus.Good)] // 3 / 100 = 3%: at the compliance limit
    [InlineData(4, KpiStatus.Bad)]  // 4 / 100 = 4%: over it
    public void Compute_AbandonRate_Over3PercentIsBad(long dropped, KpiStatus expected)
    {
        var counters = KpiCounters.Zero with { Dialed = 100, Connected = 100, Answered = 100, Dropped = dropped };

        var kpis = Compute(counters);

        Assert.Equal(expected, Assert.NotNull(kpis[KpiName.AbandonRate]).Status);
    }

    [Theory]
    [InlineData(6_000_000, KpiStatus.Good)]    // 6000 s / 50 answered = 120 s
    [InlineData(5_000_000, KpiStatus.Warning)] // 5000 s / 50 answered = 100 s
    public void Compute_AverageConversation_UnderTwoMinutesIsWarning(long talkMs, KpiStatus expected)
    {
        var counters = KpiCounters.Zero with { Dialed = 50, Connected = 50, Answered = 50, TalkMilliseconds = talkMs };

        var kpis = Compute(counters);

        Assert.Equal(expected, Assert.NotNull(kpis[KpiName.AverageConversationSeconds]).Status);
    }

    [Fact]
    public void Compute_KpiWithoutArticleFigure_IsNoBenchmark()
    {
        var counters = KpiCounters.Zero with { Dialed = 200, Connected = 190, Answered = 100, Rejected = 10, Pitched = 50, Appointments = 40, Sales = 10 };

        var kpis = Compute(counters);

        Assert.Equal(KpiStatus.NoBenchmark, Assert.NotNull(kpis[KpiName.AnswerRate]).Status);
        Assert.Equal(KpiStatus.NoBenchmark, Assert.NotNull(kpis[KpiName.RejectionRate]).Status);
        Assert.Equal(KpiStatus.NoBenchmark, Assert.NotNull(kpis[KpiName.CallsPerHour]).Status);
        Assert.Equal(KpiStatus.NoBenchmark, Assert.NotNull(kpis[KpiName.AverageCallDurationSeconds]).Status);
        Assert.Equal(KpiStatus.NoBenchmark, Assert.NotNull(kpis[KpiName.CloseRate]).Status);
    }

    [Fact]
    public void Compute_DenominatorBelowMinimumSample_IsNotEnoughDataButKeepsValue()
    {
        // 29 dialed, 29 connected: 100%, but fewer than 30 calls to judge.
        var counters = KpiCounters.Zero with { Dialed = 29, Connected = 29 };

        var kpis = Compute(counters);

        var value = Assert.NotNull(kpis[KpiName.ListValidityRate]);
        Assert.Equal(KpiStatus.NotEnoughData, value.Status);
        Assert.Equal(100.0, value.Value, 9);
    }

    [Fact]
    public void Compute_ConversionSample_IsPitchedNotDialed()
    {
        // 1000 dialed, 100 connected, 29 pitched (29%, judged on 100): conversion (5 / 29) is not judged yet.
        var counters = KpiCounters.Zero with { Dialed = 1000, Connected = 100, Answered = 60, Pitched = 29, Appointments = 5 };

        var kpis = Compute(counters);

        Assert.Equal(KpiStatus.NotEnoughData, Assert.NotNull(kpis[KpiName.ConversionRate]).Status);
        Assert.Equal(KpiStatus.Good, Assert.NotNull(kpis[KpiName.PitchRate]).Status);
    }

    [Fact]
    public void For_CampaignWithOverride_UsesItsBenchmarks()
    {
        // 192 / 200 = 96%: good by the article, a warning for a campaign that expects 98%.
        var premium = BenchmarkSet.ArticleDefaults.With(null, new Dictionary<KpiName, KpiBenchmark>
        {
            [KpiName.ListValidityRate] = new(GoodAtLeast: 98, BadBelow: 95),
        });
        var catalog = new BenchmarkCatalog(BenchmarkSet.ArticleDefaults, new Dictionary<string, BenchmarkSet> { ["premium"] = premium });
        var counters = KpiCounters.Zero with { Dialed = 200, Connected = 192 };

        var forPremium = Compute(counters, catalog.For("premium"));
        var forOther = Compute(counters, catalog.For("other"));
        var forAll = Compute(counters, catalog.For(null));

        Assert.Equal(KpiStatus.Warning, Assert.NotNull(forPremium[KpiName.ListValidityRate]).Status);
        Assert.Equal(KpiStatus.Good, Assert.NotNull(forOther[KpiName.ListValidityRate]).Status);
        Assert.Equal(KpiStatus.Good, Assert.NotNull(forAll[KpiName.ListValidityRate]).Status);
    }

    [Fact]
    public void With_OverrideOfOneKpiAndSample_KeepsOtherDefaults()
    {
        // The campaign judges from 10 calls; its pitch rate keeps the article's 20% line.
        var small = BenchmarkSet.ArticleDefaults.With(10, new Dictionary<KpiName, KpiBenchmark>
        {
            [KpiName.AnswerRate] = new(GoodAtLeast: 50),
        });
        var counters = KpiCounters.Zero with { Dialed = 12, Connected = 12, Answered = 12, Pitched = 1 };

        var kpis = Compute(counters, small);

        Assert.Equal(KpiStatus.Good, Assert.NotNull(kpis[KpiName.AnswerRate]).Status);
        Assert.Equal(KpiStatus.Bad, Assert.NotNull(kpis[KpiName.PitchRate]).Status);
        Assert.Equal(KpiStatus.NotEnoughData, BenchmarkSet.ArticleDefaults.Judge(KpiName.PitchRate, 8.3, 12));
    }
}
