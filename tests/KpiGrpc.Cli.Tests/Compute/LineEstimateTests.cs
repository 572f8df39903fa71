using System.IO.Compression;
using KpiGrpc.Cli.Compute;

namespace KpiGrpc.Cli.Tests.Compute;

public sealed class LineEstimateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kpigrpc-estimate-").FullName;

    [Fact]
    public void Of_FileOfTwentyThousandLines_WithinTwoPercent()
    {
        // Arrange: lines of about the same length (as a dialer log's), far more than the 64 KiB sample.
        var path = Path.Combine(_dir, "calls.csv");
        File.WriteAllLines(path, Enumerable.Range(0, 20_000).Select(i => $"call-{i:D6},solar,op-{i % 200},2026-03-28T09:15:00Z,{(i % 3 == 0 ? "busy" : "no_answer")}"));

        // Act
        var estimate = LineEstimate.Of(path);

        // Assert
        Assert.InRange(estimate, 19_600, 20_400);
    }

    [Fact]
    public void Of_GzipFile_ZeroForUnknown()
    {
        // Arrange
        var path = Path.Combine(_dir, "calls.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write("a\nb\n"u8);
        }

        // Act + Assert
        Assert.Equal(0, LineEstimate.Of(path));
    }

    [Fact]
    public void Of_EmptyFile_Zero()
    {
        // Arrange
        var path = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(path, "");

        // Act + Assert
        Assert.Equal(0, LineEstimate.Of(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
