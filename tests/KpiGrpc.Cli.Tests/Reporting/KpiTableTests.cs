using System.Globalization;
using KpiGrpc.Cli.Reporting;
using Spectre.Console;

namespace KpiGrpc.Cli.Tests.Reporting;

public sealed class KpiTableTests
{
    private static string Render(int width, ReportLayout? layout = null, int groups = 1)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var rows = Enumerable.Range(0, groups).Select(_ => ReportSamples.WithoutAppointments()).ToList();
            console.Write(KpiTable.Build(layout ?? ReportSamples.OperatorByDayInParis, rows, console));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        return output.ToString();
    }

    [Fact]
    public void Build_WideConsole_HeadsEachKpiColumnWithItsShortHeader()
    {
        // Act
        var header = Render(width: 200).Split('\n').First(line => line.Contains("Dialed", StringComparison.Ordinal));

        // Assert
        Assert.All(
            ["Valid", "Answer", "Reject", "Dial/h", "Call", "Talk", "Pitch", "Conv", "Close", "Abdn"],
            expected => Assert.Contains(expected, header, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WideConsole_FormatsEachKpiByItsUnit()
    {
        // Act
        var row = Render(width: 200).Split('\n').First(line => line.Contains("op-1", StringComparison.Ordinal));

        // Assert: 38 / 40 as a percent, 40 / 2.5 calls per hour, 1234.5 s / 20 answered in whole seconds
        Assert.Contains("95.0%", row, StringComparison.Ordinal);
        Assert.Contains(" 16.0 ", row, StringComparison.Ordinal);
        Assert.Contains("62s", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(200)]
    public void Build_TerminalWidth_NoLineWiderAndNoFigureWrapped(int width)
    {
        // Act
        var lines = Render(width, groups: 3).Split('\n').Select(line => line.TrimEnd('\r')).ToList();

        // Assert: a wrapped row leaves a line of cell ends (e.g. "%") under it, naming no operator.
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} columns: {line}"));
        var rows = lines.Where(line => line.TrimStart().StartsWith('│')).ToList();
        Assert.All(rows, row => Assert.True(row.Contains("op-1", StringComparison.Ordinal) || row.Contains("operator", StringComparison.Ordinal), $"wrapped: {row}"));
        Assert.All(["95.0% ±7.6", "50.0% ±14.8", "10.0% ±9.5", "16.0", "31s", "62s", "26.3% ±13.5", "5.0% ±11.4"], figure =>
            Assert.Contains(lines, line => line.Contains(figure, StringComparison.Ordinal)));
    }

    [Fact]
    public void Build_80Columns_CountsThenEveryKpiOnceOverSeveralTables()
    {
        // Act
        var headers = Render(width: 80).Split('\n').Where(line => line.Contains("operator", StringComparison.Ordinal)).ToList();

        // Assert
        Assert.True(headers.Count >= 3, $"{headers.Count} tables");
        Assert.Contains("Dialed", headers[0], StringComparison.Ordinal);
        Assert.All(["Valid", "Answer", "Reject", "Dial/h", "Call", "Talk", "Pitch", "Conv", "Close", "Abdn"], kpi =>
            Assert.Single(headers.Skip(1), header => header.Contains($"│{kpi}", StringComparison.Ordinal) || header.Contains($" {kpi} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Build_WideConsole_OneTable()
    {
        // Act
        var headers = Render(width: 200).Split('\n').Where(line => line.Contains("operator", StringComparison.Ordinal)).ToList();

        // Assert
        var header = Assert.Single(headers);
        Assert.Contains("Dialed", header, StringComparison.Ordinal);
        Assert.Contains("Abdn", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_KpisChosen_ShowsOnlyThoseInOneKpiTableAt80Columns()
    {
        // Arrange: --kpis answer_rate,conversion_rate
        var layout = ReportSamples.OperatorByDayInParis with
        {
            Kpis = [.. ReportColumns.Kpis.Where(k => k.Name is "answer_rate" or "conversion_rate")],
        };

        // Act
        var headers = Render(80, layout).Split('\n').Where(line => line.Contains("operator", StringComparison.Ordinal)).ToList();

        // Assert: the counts, then one table of the two KPIs.
        Assert.Equal(2, headers.Count);
        Assert.Contains("Answer", headers[1], StringComparison.Ordinal);
        Assert.Contains("Conv", headers[1], StringComparison.Ordinal);
        Assert.All(headers, header => Assert.DoesNotContain("Valid", header, StringComparison.Ordinal));
        Assert.All(headers, header => Assert.DoesNotContain("Abdn", header, StringComparison.Ordinal));
    }
}
