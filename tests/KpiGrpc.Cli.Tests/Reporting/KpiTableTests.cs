using System.Globalization;
using KpiGrpc.Cli.Reporting;
using Spectre.Console;

namespace KpiGrpc.Cli.Tests.Reporting;

public sealed class KpiTableTests
{
    private static string Render(int width)
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
            console.Write(KpiTable.Build(ReportSamples.OperatorByDayInParis, [ReportSamples.WithoutAppointments()], width));
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
}
