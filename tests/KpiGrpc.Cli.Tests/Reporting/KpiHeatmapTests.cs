using System.Globalization;
using KpiGrpc.Cli.Commands;
using KpiGrpc.Cli.Reporting;
using KpiGrpc.V1;
using Spectre.Console;

namespace KpiGrpc.Cli.Tests.Reporting;

public sealed class KpiHeatmapTests
{
    private static KpiGroup Cell(int weekday, int hour, long dialed, long answered) => new()
    {
        Key = new GroupKey { Weekday = (Weekday)weekday, HourOfDay = hour },
        Counts = new KpiCounts { Dialed = dialed, Connected = dialed, Answered = answered },
        Kpis = new Kpis { AnswerRate = new KpiValue { Value = 100.0 * answered / dialed, Status = KpiStatus.NoBenchmark } },
    };

    private static string Render(IReadOnlyCollection<KpiGroup> groups)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 120;
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            console.Write(KpiHeatmap.Build("answer_rate", groups));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        return output.ToString();
    }

    [Fact]
    public void Build_AnswerRateByWeekdayAndHour_OneRowPerDayMondayFirstAndTheThinnestCellNamed()
    {
        // Arrange: Friday 09h answered 3 of 4, Monday 09h 20 of 40, Monday 10h 10 of 40.
        KpiGroup[] groups = [Cell(5, 9, 4, 3), Cell(1, 9, 40, 20), Cell(1, 10, 40, 10)];

        // Act
        var lines = Render(groups).Split('\n');

        // Assert
        var header = lines.First(line => line.Contains("09h", StringComparison.Ordinal));
        Assert.Contains("10h", header, StringComparison.Ordinal);
        var monday = Array.FindIndex(lines, line => line.Contains("Mon", StringComparison.Ordinal));
        var friday = Array.FindIndex(lines, line => line.Contains("Fri", StringComparison.Ordinal) && line.Contains('%'));
        Assert.True(monday >= 0 && friday > monday, "Monday's row comes before Friday's");
        Assert.Contains("50%", lines[monday], StringComparison.Ordinal);
        Assert.Contains("25%", lines[monday], StringComparison.Ordinal);
        Assert.Contains("75%", lines[friday], StringComparison.Ordinal);
        Assert.Contains("·", lines[friday], StringComparison.Ordinal); // no call on Friday at 10h
        var caption = string.Join(" ", lines.Select(line => line.Trim()));
        Assert.Contains("thinnest cell Fri 09h: 4 in its sample", caption, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatmapLayout_WithGroupBy_UsageError()
    {
        // Arrange
        var asked = new ReportLayout([GroupDimension.Operator], Granularity.Unspecified, TimeZoneInfo.Utc);

        // Act
        var error = Assert.Throws<CliUsageException>(() => ReportCommand.HeatmapLayout(asked, "answer_rate"));

        // Assert
        Assert.Contains("drop --group-by", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatmapLayout_UnknownKpi_UsageErrorListingTheKpis()
    {
        // Arrange
        var asked = new ReportLayout([], Granularity.Unspecified, TimeZoneInfo.Utc);

        // Act
        var error = Assert.Throws<CliUsageException>(() => ReportCommand.HeatmapLayout(asked, "luck"));

        // Assert
        Assert.StartsWith("--heatmap: 'luck' is not a KPI; choose from list_validity_rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatmapLayout_NoGroupBy_GroupsByWeekdayAndHour()
    {
        // Act
        var layout = ReportCommand.HeatmapLayout(new ReportLayout([], Granularity.Unspecified, TimeZoneInfo.Utc), "answer_rate");

        // Assert
        Assert.Equal(["weekday", "hour_of_day"], layout.KeyColumns);
    }
}
