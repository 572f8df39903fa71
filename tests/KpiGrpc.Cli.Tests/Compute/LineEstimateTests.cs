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

    [Theory]
    [InlineData(20_000, "calls.csv.gz")]    // smaller than the sample: read whole
    [InlineData(400_000, "calls.csv")]      // gzip without the name, sampled
    public void Of_GzipFile_WithinTwoPercentOfItsLines(int lines, string name)
    {
        // Arrange
        var path = Path.Combine(_dir, name);
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            var random = new Random(7);
            for (var i = 0; i < lines; i++)
            {
                writer.Write($"call-{random.Next():D10},solar,op-{random.Next(200)},2026-03-28T09:{random.Next(60):D2}:{random.Next(60):D2}Z,{(random.Next(3) == 0 ? "answered" : "no_answer")},{random.Next(600)}\n");
            }
        }

        // Act
        var estimate = LineEstimate.Of(path);

        // Assert
        Assert.InRange(estimate, lines * 0.98, lines * 1.02);
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
