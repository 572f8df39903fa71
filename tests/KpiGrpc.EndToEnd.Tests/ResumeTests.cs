using System.Text.Json;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi import killed mid-file and run again with --resume stores every line exactly once.</summary>
public sealed class ResumeTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-resume-").FullName;

    [Fact]
    public async Task ImportResume_KilledAfterTheFirstAcks_EndsWithEveryLineOnce()
    {
        // Arrange: small batches so the kill lands mid-file.
        const int calls = 600_000;
        var file = Path.Combine(_directory, "calls.csv");
        var checkpoint = Path.Combine(_directory, "calls.kpi-checkpoint");
        GeneratedCalls.Write(file, calls);
        string[] args = ["import", "--server", fixture.Server.Address.ToString(), "--calls", file, "--batch-size", "1000", "--checkpoint", checkpoint];
        int killedAfterLine;
        using (var first = CliProcess.Start(args))
        {
            killedAfterLine = await WaitForCheckpointAsync(checkpoint, first, minLine: 20_000);
            first.Kill();
        }

        var leftByTheKill = CheckpointLine(checkpoint);
        var plain = await KpiCli.RunAsync(args);

        // Act
        var resumed = await KpiCli.RunAsync([.. args, "--resume"]);

        // Assert
        Assert.InRange(leftByTheKill, killedAfterLine, calls);
        Assert.True(plain.ExitCode == 2 && plain.Stderr.Contains("--resume"), $"without --resume: {plain}");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"resuming after line {leftByTheKill}", resumed.Stderr);
        var (accepted, duplicates) = AcceptedAndDuplicates(resumed.Stdout);
        Assert.Equal(calls, accepted + duplicates);
        Assert.Equal(calls, await GeneratedCalls.DialedAsync(fixture.Server));
        Assert.False(File.Exists(checkpoint), "a finished import leaves no checkpoint");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Waits until the checkpoint records <paramref name="minLine"/> acknowledged lines; fails if the import ends first.</summary>
    private static async Task<int> WaitForCheckpointAsync(string checkpoint, CliProcess cli, int minLine)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(cli.HasExited, $"the import ended before it could be killed:\n{cli}");
            if (File.Exists(checkpoint) && CheckpointLine(checkpoint) is var line && line >= minLine)
            {
                return line;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"no checkpoint past line {minLine}:\n{cli}");
    }

    private static int CheckpointLine(string checkpoint)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(checkpoint));
            return document.RootElement.GetProperty("files")[0].GetProperty("line").GetInt32();
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return 0; // Replaced at this very moment: try again.
        }
    }

    internal static (long Accepted, long Duplicates) AcceptedAndDuplicates(string stdout)
    {
        var summary = stdout.Split('\n').Single(l => l.StartsWith("calls.csv: accepted ", StringComparison.Ordinal));
        var parts = summary.Split(',', StringSplitOptions.TrimEntries);
        return (long.Parse(parts[0].Split(' ')[^1]), long.Parse(parts[1].Split(' ')[^1]));
    }
}
