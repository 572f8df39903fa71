using KpiGrpc.Server.Tests;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// kpi import against a real server whose disk is full: the refusal says when to come back, the
/// import waits that long, and once space is freed it finishes with every call stored once.
/// </summary>
public sealed class DiskFullImportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-disk-full-import-").FullName;

    [LinuxRootFact]
    public async Task Import_DiskFullThenFreed_WaitsTheServersRetryDelayAndStoresEveryCallOnce()
    {
        // Arrange: the server's data on a full 16 MiB disk; the file on another disk.
        const int calls = 20_000;
        var file = Path.Combine(_directory, "calls.csv");
        GeneratedCalls.Write(file, calls);
        using var disk = SmallDisk.Mount(megabytes: 16);
        await using var server = await KpiServerProcess.StartAsync(Path.Combine(disk.Path, "data"));
        disk.Fill();

        // Act: the import is refused; once it says it will retry, space is freed.
        using var cli = CliProcess.Start("import", "--server", server.Address.ToString(), "--calls", file, "--batch-size", "2000");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!cli.Stderr.Contains("retry 1/", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Assert.False(cli.HasExited, $"the import ended on a full disk instead of waiting:\n{cli}");
            await Task.Delay(50);
        }

        disk.Free();
        var exitCode = await cli.WaitAsync(TimeSpan.FromSeconds(90));

        // Assert: told why and how long (the server's 5 s retry_delay, not the 0.2 s backoff), then every call once.
        Assert.True(exitCode == 0, cli.ToString());
        Assert.Matches(@"ResourceExhausted: [^\n]*full[^\n]*; retry 1/8 in [5-6]\.\d s", cli.Stderr);
        Assert.Contains($"calls.csv: accepted {calls}, duplicates 0", cli.Stdout);
        Assert.Equal(calls, await GeneratedCalls.DialedAsync(server));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
