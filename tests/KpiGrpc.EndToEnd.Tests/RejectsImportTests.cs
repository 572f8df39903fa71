namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi import --rejects writes every rejected line, and the summary counts them by reason.</summary>
public sealed class RejectsImportTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-rejects-").FullName;

    [Fact]
    public async Task Import_WithRejects_WritesEachRejectedLineAndCountsThemByReason()
    {
        // Arrange: lines 3 and 4 have an unknown outcome, line 6 is refused by the server (talk time on a busy line).
        var file = Path.Combine(_directory, "calls.csv");
        var rejects = Path.Combine(_directory, "rejects.csv");
        File.WriteAllText(file, """
            call_id,campaign_id,operator_id,started_at,outcome,talk_seconds
            r-1,camp,op,2026-03-10T09:00:00+01:00,answered,40
            r-2,camp,op,2026-03-10T09:05:00+01:00,sold,40
            r-3,camp,op,2026-03-10T09:06:00+01:00,sold,40
            r-4,camp,op,2026-03-10T09:10:00+01:00,no_answer,0
            r-5,camp,op,2026-03-10T09:15:00+01:00,busy,12
            """);

        // Act
        var result = await KpiCli.RunAsync(
            "import", "--server", fixture.Server.Address.ToString(), "--calls", file, "--rejects", rejects, "--batch-size", "2");

        // Assert
        Assert.True(result.ExitCode == 1, result.ToString());
        var rows = File.ReadAllLines(rejects);
        Assert.Equal("file,line,field,reason,record_id,raw,record", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("calls.csv,3,outcome,", rows[1]);
        Assert.Contains("r-2,camp,op,2026-03-10T09:05:00+01:00,sold,40", rows[1]);
        Assert.StartsWith("calls.csv,4,outcome,", rows[2]);
        Assert.StartsWith("calls.csv,6,talk_seconds,", rows[3]);
        Assert.Contains("r-5", rows[3]);
        Assert.Contains("calls.csv: accepted 2, duplicates 0, replaced 0, stale 0, rejected 3", result.Stdout);
        Assert.Contains("  2  outcome: 'sold' is not one of", result.Stdout);
        Assert.Contains("  1  talk_seconds: ", result.Stdout);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
