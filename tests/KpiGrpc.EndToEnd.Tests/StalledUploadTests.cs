using Grpc.Core;
using Xunit.Abstractions;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>A client that sends part of a message and stalls neither pins its buffer for ever nor takes the server's memory.</summary>
public sealed class StalledUploadTests(ITestOutputHelper output) : IDisposable
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan CallEnds = TimeSpan.FromMinutes(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-stalled-").FullName;

    [Theory]
    [InlineData("/kpi.v1.IngestService/ImportCalls")]
    [InlineData("/kpi.v1.IngestService/RecordCalls")]
    public async Task Call_MessageStallsHalfway_CutWithDeadlineExceededAfterTheTimeout(string method)
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(DataDirectory, settings: ["--Kpi:Limits:MessageReceiveTimeout", "00:00:03"]);
        using var http = StalledUpload.Client();

        // Act: 1 MiB of a 2 MiB message, then nothing.
        using var upload = StalledUpload.Start(http, server.Address, method, declaredLength: 2 * MiB, sentLength: MiB);
        var status = await upload.StatusAsync(CallEnds);

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, status.Code);
        Assert.Contains("Kpi:Limits:MessageReceiveTimeout", status.Message);
    }

    [Fact]
    public async Task ImportCalls_TenStreamsStallWith60MiBEach_PastTheBudgetRefusedAndMemoryBounded()
    {
        // Arrange: a 128 MiB budget holds two of these messages; the timeout ends the streams it let in.
        await using var server = await KpiServerProcess.StartAsync(DataDirectory, settings:
        [
            "--Kpi:Limits:MaxBufferedRequestBytes", (128 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Kpi:Limits:MessageReceiveTimeout", "00:00:20",
        ]);
        using var http = StalledUpload.Client();
        var before = server.ResidentBytes();

        // Act: each stream sends 60 MiB of a 64 MiB message and stalls.
        var uploads = Enumerable.Range(0, 10)
            .Select(_ => StalledUpload.Start(http, server.Address, "/kpi.v1.IngestService/ImportCalls", declaredLength: 64 * MiB, sentLength: 60 * MiB))
            .ToList();
        var statuses = await Task.WhenAll(uploads.Select(upload => upload.StatusAsync(CallEnds)));
        var peak = server.PeakResidentBytes();
        uploads.ForEach(upload => upload.Dispose());

        // Assert: old servers held all 600 MiB (650 MB measured) until the sockets closed.
        output.WriteLine($"RSS {before / MiB} MiB before, peak {peak / MiB} MiB; statuses: {string.Join(", ", statuses.Select(s => s.Code))}");
        Assert.All(statuses, status => Assert.Contains(status.Code, new[] { StatusCode.ResourceExhausted, StatusCode.DeadlineExceeded }));
        var refused = statuses.Where(status => status.Code == StatusCode.ResourceExhausted).ToList();
        Assert.True(refused.Count >= 5, $"{refused.Count} of 10 streams refused past a budget that holds 2");
        Assert.Contains("Kpi:Limits:MaxBufferedRequestBytes", refused[0].Message);
        // The refusal is worth retrying as the buffers drain: it says when, over the wire.
        Assert.All(refused, status => Assert.Equal(TimeSpan.FromSeconds(1), status.RetryDelay));
        Assert.True(peak - before < 400L * MiB, $"RSS grew by {(peak - before) / MiB} MiB");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string DataDirectory => Path.Combine(_directory, "data");
}
