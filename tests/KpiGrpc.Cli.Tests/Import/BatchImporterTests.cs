using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class BatchImporterTests
{
    private sealed class NoProgress : IImportProgress
    {
        public void Read(long bytesRead)
        {
        }

        public void Acknowledged(int records)
        {
        }

        public void Complete(long length)
        {
        }
    }

    private static string Calls(int count, int badOutcomeLine = -1)
    {
        var lines = Enumerable.Range(1, count).Select(i =>
            $"c-{i},camp,op,2026-03-28T08:00:00Z,{(i + 1 == badOutcomeLine ? "sold" : "answered")},{i}");
        return "call_id,campaign_id,operator_id,started_at,outcome,talk_seconds\n" + string.Join('\n', lines) + "\n";
    }

    [Fact]
    public async Task RunAsync_ServerRejectsOneRecord_ReportsTheLineItCameFrom()
    {
        // Arrange: 10 calls in batches of 3; the server refuses c-8, index 1 of batch 3, on line 9.
        using var file = CsvRecordFile<CallRecord>.FromText(Calls(10), CallCsvFormat.Instance, "calls.csv");
        var stream = new FakeImportStream(call => call.CallId == "c-8" ? "talk_seconds too long" : null);

        // Act
        var tally = await new BatchImporter(batchSize: 3, maxBatchesInFlight: 2).RunAsync(file, stream, new NoProgress(), CancellationToken.None);

        // Assert
        Assert.Equal([3, 3, 3, 1], stream.Batches.Select(b => b.Count));
        Assert.Equal(9, tally.Accepted);
        var rejected = Assert.Single(tally.RejectedLines);
        Assert.Equal(9, rejected.LineNumber);
        Assert.Equal("calls.csv line 9: talk_seconds too long (record c-8)", rejected.ToString());
    }

    [Fact]
    public async Task RunAsync_UnreadableLine_IsReportedAndNeverSent()
    {
        // Arrange: line 5 holds c-4 with an unknown outcome.
        using var file = CsvRecordFile<CallRecord>.FromText(Calls(6, badOutcomeLine: 5), CallCsvFormat.Instance, "calls.csv");
        var stream = new FakeImportStream(_ => null);

        // Act
        var tally = await new BatchImporter(batchSize: 100).RunAsync(file, stream, new NoProgress(), CancellationToken.None);

        // Assert
        Assert.DoesNotContain(stream.Batches.SelectMany(b => b), call => call.CallId == "c-4");
        Assert.Equal(5, tally.Accepted);
        var rejected = Assert.Single(tally.RejectedLines);
        Assert.Equal(5, rejected.LineNumber);
        Assert.StartsWith("outcome: 'sold' is not one of", rejected.Reason);
    }
}
