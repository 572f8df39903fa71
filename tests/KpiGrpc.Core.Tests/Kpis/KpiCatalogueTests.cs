using System.Text.RegularExpressions;
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
