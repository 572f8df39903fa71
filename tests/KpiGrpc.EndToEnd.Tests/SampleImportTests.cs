using System.Globalization;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi import then kpi report on samples/, against a real server process.</summary>
public sealed class SampleImportTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>
{
    private static readonly string[] Counts = ["dialed", "connected", "answered", "rejected", "pitched", "appointments", "sales", "dropped", "talk_seconds"];

    [Fact]
    public async Task ImportThenReport_Samples_MatchTheHandWorkedTotalsOfTheReadme()
    {
        // Arrange
        var samples = RepoPaths.Samples;
        var import = await KpiCli.RunAsync(
            "import", "--server", fixture.Server.Address.ToString(),
            "--calls", Path.Combine(samples, "calls.csv"),
            "--results", Path.Combine(samples, "results.csv"),
            "--sessions", Path.Combine(samples, "sessions.csv"));
        Assert.True(import.ExitCode == 0, import.ToString());

        // Act
        var report = await KpiCli.RunAsync(
            "report", "--server", fixture.Server.Address.ToString(), "--format", "csv", "--group-by", "operator",
            "--from", "2026-03-28", "--to", "2026-03-30", "--tz", "Europe/Paris");

        // Assert
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains("calls.csv: accepted 96, duplicates 0, replaced 1, stale 0, rejected 0", import.Stdout);
        Assert.Contains("results.csv: accepted 9, duplicates 0, replaced 1, stale 1, rejected 0", import.Stdout);
        Assert.Contains("sessions.csv: accepted 12, duplicates 0, replaced 0, stale 0, rejected 0", import.Stdout);

        var rows = ParseCsv(report.Stdout);
        var expected = SampleTotals.PerOperator();
        Assert.Equal(expected.Keys.Order(), rows.Select(r => r["operator_id"]));
        foreach (var row in rows)
        {
            foreach (var count in Counts)
            {
                Assert.True(
                    expected[row["operator_id"]][count] == double.Parse(row[count], CultureInfo.InvariantCulture),
                    $"{row["operator_id"]} {count}: README says {expected[row["operator_id"]][count]}, report says {row[count]}");
            }
        }

        var whole = SampleTotals.WholeFile();
        foreach (var count in Counts)
        {
            Assert.Equal(whole[count], rows.Sum(r => double.Parse(r[count], CultureInfo.InvariantCulture)));
        }

        // op-dave has no session and no appointment: estimated hours, and no close rate at all.
        var dave = rows.Single(r => r["operator_id"] == "op-dave");
        Assert.Equal("true", dave["logged_hours_estimated"]);
        Assert.Equal("", dave["close_rate"]);
        var alice = rows.Single(r => r["operator_id"] == "op-alice");
        Assert.Equal("false", alice["logged_hours_estimated"]);
        Assert.Equal(15.67, double.Parse(alice["logged_hours"], CultureInfo.InvariantCulture), precision: 2);
    }

    /// <summary>The report's CSV as rows keyed by header; the sample ids hold no comma or quote.</summary>
    private static List<Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
