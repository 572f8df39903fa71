namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi import rides out a server that is down, or that dies mid-import, and ends with exact totals.</summary>
public sealed class RetryImportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-retry-").FullName;

    [Fact]
    public async Task Import_ServerDownThenUp_RetriesAndStoresEveryLine()
    {
        // Arrange: the address is reserved, but nothing listens there yet.
        const int calls = 50_000;
        var file = Path.Combine(_directory, "calls.csv");
        GeneratedCalls.Write(file, calls);
        var port = KpiServerProcess.FreeLoopbackPort();
        using var cli = CliProcess.Start("import", "--server", KpiServerProcess.AddressOf(port).ToString(), "--calls", file);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(cli.HasExited, $"the import gave up while the server was down:\n{cli}");

        // Act
        await using var server = await KpiServerProcess.StartAsync(Path.Combine(_directory, "data"), port);
        var exitCode = await cli.WaitAsync(TimeSpan.FromSeconds(90));

        // Assert
        Assert.True(exitCode == 0, cli.ToString());
        Assert.Contains("retry 1/8", cli.Stderr);
        Assert.Contains($"calls.csv: accepted {calls}, duplicates 0", cli.Stdout);
        Assert.Equal(calls, await GeneratedCalls.DialedAsync(server));
    }

    [Fact]
    public async Task Import_ServerKilledMidImportAndRestarted_ResendsTheUnacknowledgedBatches()
    {
        // Arrange
        const int calls = 400_000;
        var file = Path.Combine(_directory, "calls.csv");
        var checkpoint = Path.Combine(_directory, "calls.kpi-checkpoint");
        var data = Path.Combine(_directory, "data");
        GeneratedCalls.Write(file, calls);
        var port = KpiServerProcess.FreeLoopbackPort();
        var first = await KpiServerProcess.StartAsync(data, port);
        using var cli = CliProcess.Start(
            "import", "--server", first.Address.ToString(), "--calls", file, "--batch-size", "1000", "--checkpoint", checkpoint);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(checkpoint) && DateTime.UtcNow < deadline)
        {
            Assert.False(cli.HasExited, $"the import ended before the server could be killed:\n{cli}");
            await Task.Delay(10);
        }

        // Act: a crash mid-stream, then the server comes back where the client expects it.
        await first.DisposeAsync();
        Assert.False(cli.HasExited, $"the import did not wait for the server:\n{cli}");
        await using var second = await KpiServerProcess.StartAsync(data, port);
        var exitCode = await cli.WaitAsync(TimeSpan.FromSeconds(90));

        // Assert: batches stored but not acknowledged before the crash come back as duplicates.
        Assert.True(exitCode == 0, cli.ToString());
        Assert.Contains("reconnecting", cli.Stderr);
        var (accepted, duplicates) = ResumeTests.AcceptedAndDuplicates(cli.Stdout);
        Assert.Equal(calls, accepted + duplicates);
        Assert.Equal(calls, await GeneratedCalls.DialedAsync(second));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
