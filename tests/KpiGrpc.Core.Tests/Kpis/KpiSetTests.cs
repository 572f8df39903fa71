using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Core.Tests.Kpis;

public sealed class KpiSetTests
{
    private static readonly KpiCounters Counters = KpiCounters.Zero with { Dialed = 200, Connected = 190, Answered = 50 };

    [Fact]
    public void Equals_SameCounts_AreEqual()
    {
        // Arrange: two computations of the same figures (a watch compares them to skip unchanged groups)
        var first = KpiCalculator.Compute(Counters, loggedHours: 2, BenchmarkSet.ArticleDefaults);
        var second = KpiCalculator.Compute(Counters, loggedHours: 2, BenchmarkSet.ArticleDefaults);

        // Assert
        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_OnlyAStatusDiffers_AreNotEqual()
    {
        // Arrange: 190 / 200 = 95% in both; good by the article, a warning when 98% is expected
        var strict = BenchmarkSet.ArticleDefaults.With(null, new Dictionary<KpiName, KpiBenchmark>
        {
            [KpiName.ListValidityRate] = new(GoodAtLeast: 98),
        });

        // Act
        var article = KpiCalculator.Compute(Counters, loggedHours: 2, BenchmarkSet.ArticleDefaults);
        var stricter = KpiCalculator.Compute(Counters, loggedHours: 2, strict);

        // Assert
        Assert.NotEqual(article, stricter);
    }

    [Fact]
    public void ToString_ListsEachKpiByField()
    {
        // Act
        var text = KpiCalculator.Compute(KpiCounters.Zero, loggedHours: 0, BenchmarkSet.ArticleDefaults).ToString();

        // Assert
        Assert.Contains("list_validity_rate = null", text, StringComparison.Ordinal);
        Assert.Contains("abandon_rate = null", text, StringComparison.Ordinal);
    }
}
