using Xunit.Abstractions;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi import streams: its memory does not grow with the file.</summary>
public sealed class MemoryTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-memory-").FullName;

    [Fact]
    public async Task Import_FileLargerThanTheBound_PeakMemoryStaysFlat()
    {
        // Arrange: a 1.5 M line file of about 170 MB. Held whole it would take more than its
        // size in UTF-16 strings alone, so the 200 MB bound fails an importer that loads it.
        const int small = 100_000;
        const int large = 1_500_000;
        var smallFile = Path.Combine(_directory, "small.csv");
        var largeFile = Path.Combine(_directory, "large.csv");
        GeneratedCalls.Write(smallFile, small, "small");
        var largeBytes = GeneratedCalls.Write(largeFile, large, "large");
        await using var server = await KpiServerProcess.StartAsync(Path.Combine(_directory, "data"));

        // Act
        var smallPeak = await ImportAsync(server, smallFile);
        var started = DateTime.UtcNow;
        var largePeak = await ImportAsync(server, largeFile);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        // Assert
        output.WriteLine($"file {largeBytes / MiB} MiB; peak RSS {smallPeak / MiB} MiB for {small:N0} lines, {largePeak / MiB} MiB for {large:N0} lines ({large / seconds:N0} lines/s)");
        Assert.True(largeBytes > 150 * MiB, $"the file is {largeBytes / MiB} MiB");
        Assert.True(largePeak < 200 * MiB, $"peak {largePeak / MiB} MiB for a {largeBytes / MiB} MiB file");
        Assert.True(largePeak < smallPeak + 64 * MiB, $"peak {largePeak / MiB} MiB for {large} lines against {smallPeak / MiB} MiB for {small}");
        Assert.Equal(small + large, await GeneratedCalls.DialedAsync(server));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<long> ImportAsync(KpiServerProcess server, string file)
    {
        using var cli = CliProcess.Start("import", "--server", server.Address.ToString(), "--calls", file);
        var exitCode = await cli.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, cli.ToString());
        Assert.True(cli.PeakBytes > 0, "no memory sample was taken");
        return cli.PeakBytes;
    }
}
