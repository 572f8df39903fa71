using System.Text.RegularExpressions;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Core.Tests.Kpis;

public sealed partial class KpiCatalogueTests
{
    [Fact]
    public void All_EveryKpiName_DefinedOnceInEnumOrder()
    {
        // Act
        var names = KpiCatalogue.All.Select(kpi => kpi.Name);

        // Assert
        Assert.Equal(Enum.GetValues<KpiName>(), names);
    }

    [Fact]
    public void All_Fields_AreTheSnakeCaseOfTheirNames()
    {
        // Arrange: AverageCallDurationSeconds -> average_call_duration_seconds
        static string SnakeCase(KpiName name) => WordStart().Replace(name.ToString(), "_$1").ToLowerInvariant();

        // Assert
        Assert.All(KpiCatalogue.All, kpi => Assert.Equal(SnakeCase(kpi.Name), kpi.Field));
    }

    [Fact]
    public void All_TableHeaders_AreDistinct()
    {
        // Act
        var headers = KpiCatalogue.All.Select(kpi => kpi.Header).ToList();

        // Assert
        Assert.Equal(headers.Count, headers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(headers, string.IsNullOrWhiteSpace);
    }

    [Theory]
    // 1000 dialed, 900 connected, 300 answered, 120 pitched, 20 appointments: each KPI is judged
    // on the calls it speaks of, its denominator (calls per hour: the dialed calls it counts).
    [InlineData(KpiName.ListValidityRate, 1000)]
    [InlineData(KpiName.AnswerRate, 1000)]
    [InlineData(KpiName.RejectionRate, 1000)]
    [InlineData(KpiName.CallsPerHour, 1000)]
    [InlineData(KpiName.AverageCallDurationSeconds, 1000)]
    [InlineData(KpiName.AverageConversationSeconds, 300)]
    [InlineData(KpiName.PitchRate, 900)]
    [InlineData(KpiName.ConversionRate, 120)]
    [InlineData(KpiName.CloseRate, 20)]
    [InlineData(KpiName.AbandonRate, 300)]
    public void Sample_FunnelCounts_IsTheKpisDenominator(KpiName name, long expected)
    {
        // Arrange
        var counters = new KpiCounters(Dialed: 1000, Connected: 900, Answered: 300, Rejected: 50, Pitched: 120,
            Appointments: 20, Sales: 5, Dropped: 7, TalkMilliseconds: 9_000_000, LoggedMilliseconds: 36_000_000);

        // Act
        var sample = KpiCatalogue.Of(name).Formula.Sample(counters);

        // Assert
        Assert.Equal(expected, sample);
    }

    [Theory]
    [InlineData("pitch_rate", KpiName.PitchRate)]
    [InlineData("Abandon_Rate", KpiName.AbandonRate)] // configuration keys are case-insensitive
    public void Find_FieldName_ReturnsItsKpi(string field, KpiName expected)
    {
        // Act
        var kpi = KpiCatalogue.Find(field);

        // Assert
        Assert.Equal(expected, kpi?.Name);
    }

    [Fact]
    public void Find_UnknownName_ReturnsNull()
    {
        // Act
        var kpi = KpiCatalogue.Find("pitchrate");

        // Assert
        Assert.Null(kpi);
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
