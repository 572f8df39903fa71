using System.Globalization;
using System.IO.Compression;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi compute on samples/, against a real server process that must store nothing.</summary>
public sealed class ComputeCliTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>
{
    private static readonly string[] Counts = ["dialed", "connected", "answered", "rejected", "pitched", "appointments", "sales", "dropped", "talk_seconds"];

    [Fact]
    public async Task Compute_Samples_MatchTheHandWorkedTotalsOfTheReadme()
    {
        // Arrange
        var samples = RepoPaths.Samples;

        // Act
        var compute = await KpiCli.RunAsync(
            "compute", Path.Combine(samples, "calls.csv"),
            "--results", Path.Combine(samples, "results.csv"),
            "--sessions", Path.Combine(samples, "sessions.csv"),
            "--server", fixture.Server.Address.ToString(), "--format", "csv", "--group-by", "operator", "--tz", "Europe/Paris");

        // Assert
        Assert.True(compute.ExitCode == 0, compute.ToString());
        Assert.Contains("calls.csv: accepted 96, duplicates 0, replaced 1, stale 0, rejected 0", compute.Stderr);
        Assert.Contains("results.csv: accepted 9, duplicates 0, replaced 1, stale 1, rejected 0", compute.Stderr);
        var rows = ParseCsv(compute.Stdout);
        var expected = SampleTotals.PerOperator();
        Assert.Equal(expected.Keys.Order(), rows.Select(r => r["operator_id"]));
        foreach (var row in rows)
        {
            foreach (var count in Counts)
            {
                Assert.True(
                    expected[row["operator_id"]][count] == double.Parse(row[count], CultureInfo.InvariantCulture),
                    $"{row["operator_id"]} {count}: README says {expected[row["operator_id"]][count]}, compute says {row[count]}");
            }
        }

        var dave = rows.Single(r => r["operator_id"] == "op-dave");
        Assert.Equal(("true", ""), (dave["logged_hours_estimated"], dave["close_rate"]));
        var alice = rows.Single(r => r["operator_id"] == "op-alice");
        Assert.Equal(15.67, double.Parse(alice["logged_hours"], CultureInfo.InvariantCulture), precision: 2);
    }

    [Fact]
    public async Task Compute_CallsOnly_SameCountsAsTheReadmeButNoSales()
    {
        // Arrange
        var calls = Path.Combine(RepoPaths.Samples, "calls.csv");

        // Act
        var compute = await KpiCli.RunAsync("compute", calls, "--server", fixture.Server.Address.ToString(), "--format", "csv");

        // Assert: one total row; sales need the results file.
        Assert.True(compute.ExitCode == 0, compute.ToString());
        var row = Assert.Single(ParseCsv(compute.Stdout));
        var whole = SampleTotals.WholeFile();
        Assert.Equal((whole["dialed"], whole["talk_seconds"]), (double.Parse(row["dialed"], CultureInfo.InvariantCulture), double.Parse(row["talk_seconds"], CultureInfo.InvariantCulture)));
        Assert.Equal("0", row["sales"]);
    }

    [Fact]
    public async Task Compute_FileWithBadLines_ReportsEachLineAndExitsOne()
    {
        // Arrange: line 3 is BUSY with talk time (refused by the server), line 4 has no valid instant (refused here).
        var file = Path.Combine(Path.GetTempPath(), $"kpi-compute-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file,
        [
            "call_id,campaign_id,operator_id,started_at,outcome,talk_seconds",
            "x-1,camp,op-1,2026-03-28T09:00:00Z,answered,30",
            "x-2,camp,op-1,2026-03-28T09:05:00Z,busy,12",
            "x-3,camp,op-1,yesterday,answered,5",
        ]);

        try
        {
            // Act
            var compute = await KpiCli.RunAsync("compute", file, "--server", fixture.Server.Address.ToString(), "--format", "csv");

            // Assert
            Assert.True(compute.ExitCode == 1, compute.ToString());
            Assert.Contains("line 3: talk_seconds: talk_seconds must be 0 when outcome is busy", compute.Stderr);
            Assert.Contains("line 4: started_at", compute.Stderr);
            Assert.Equal("1", Assert.Single(ParseCsv(compute.Stdout))["dialed"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Compute_GzippedCallsNamedWithoutGz_SameFiguresAsThePlainFile()
    {
        // Arrange: kpi import reads a gzip file by its first bytes, whatever its name; so must compute.
        var plain = Path.Combine(RepoPaths.Samples, "calls.csv");
        var gzipped = Path.Combine(Path.GetTempPath(), $"kpi-compute-{Guid.NewGuid():N}.csv");
        await using (var gzip = new GZipStream(File.Create(gzipped), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(await File.ReadAllBytesAsync(plain));
        }

        try
        {
            // Act
            string[] options = ["--server", fixture.Server.Address.ToString(), "--format", "csv", "--group-by", "operator", "--tz", "Europe/Paris"];
            var fromPlain = await KpiCli.RunAsync(["compute", plain, .. options]);
            var fromGzip = await KpiCli.RunAsync(["compute", gzipped, .. options]);

            // Assert
            Assert.True(fromGzip.ExitCode == 0, fromGzip.ToString());
            Assert.Contains($"{Path.GetFileName(gzipped)}: accepted 96, duplicates 0, replaced 1, stale 0, rejected 0", fromGzip.Stderr);
            Assert.Equal(ParseCsv(fromPlain.Stdout).Count, SampleTotals.PerOperator().Count);
            Assert.Equal(fromPlain.Stdout, fromGzip.Stdout);
        }
        finally
        {
            File.Delete(gzipped);
        }
    }

    /// <summary>The report's CSV as rows keyed by header; the sample ids hold no comma or quote.</summary>
    private static List<Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
