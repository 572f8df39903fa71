namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi import reports the lines it could not store and fails.</summary>
public sealed class BadLineImportTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kpi-bad-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task Import_FileWithBadLines_ExitsNonZeroNamingEachLineAndReason()
    {
        // Arrange: line 3 cannot be read (unknown outcome); line 5 is read but refused by the
        // server (talk time on a busy line).
        File.WriteAllText(_file, """
            call_id,campaign_id,operator_id,started_at,outcome,talk_seconds
            b-1,camp,op,2026-03-10T09:00:00+01:00,answered,40
            b-2,camp,op,2026-03-10T09:05:00+01:00,sold,40
            b-3,camp,op,2026-03-10T09:10:00+01:00,no_answer,0
            b-4,camp,op,2026-03-10T09:15:00+01:00,busy,12
            b-5,camp,op,2026-03-10T09:20:00+01:00,pitched,200
            """);

        // Act
        var result = await KpiCli.RunAsync("import", "--server", fixture.Server.Address.ToString(), "--calls", _file, "--batch-size", "2");

        // Assert
        Assert.True(result.ExitCode != 0, result.ToString());
        var fileName = Path.GetFileName(_file);
        Assert.Contains($"{fileName} line 3: outcome: 'sold' is not one of", result.Stderr);
        Assert.Contains($"{fileName} line 5: ", result.Stderr);
        Assert.Contains("talk_seconds", result.Stderr.Split('\n').Single(l => l.Contains($"{fileName} line 5: ")));
        Assert.Contains("accepted 3", result.Stdout);
        Assert.Contains("rejected 2", result.Stdout);
    }

    public void Dispose() => File.Delete(_file);
}
