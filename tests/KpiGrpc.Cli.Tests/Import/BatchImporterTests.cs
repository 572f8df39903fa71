using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class BatchImporterTests
{
    [Fact]
    public async Task RunAsync_ServerRejectsOneRecord_ReportsTheLineItCameFrom()
    {
        // Arrange: 10 calls in batches of 3; the server refuses c-8, index 1 of batch 3, on line 9.
        using var file = CsvRecordFile<CallRecord>.FromText(ImportTestData.Calls(10), CallCsvFormat.Instance, "calls.csv");
        var server = new FakeImportServer(call => call.CallId == "c-8" ? "talk_seconds too long" : null);

        // Act
        var tally = await new BatchImporter(3, ImportTestData.FastRetry(), maxBatchesInFlight: 2)
            .RunAsync(file, server.Open, ImportTestData.Journal(), new NoProgress(), CancellationToken.None);

        // Assert
        Assert.Equal([3, 3, 3, 1], server.Batches.Select(b => b.Count));
        Assert.Equal(9, tally.Accepted);
        var rejected = Assert.Single(tally.Examples);
        Assert.Equal(9, rejected.LineNumber);
        Assert.Equal("calls.csv line 9: talk_seconds too long (record c-8)", rejected.ToString());
    }

    [Fact]
    public async Task RunAsync_UnreadableLine_IsReportedAndNeverSent()
    {
        // Arrange: line 5 holds c-4 with an unknown outcome.
        using var file = CsvRecordFile<CallRecord>.FromText(ImportTestData.Calls(6, badOutcomeLine: 5), CallCsvFormat.Instance, "calls.csv");
        var server = new FakeImportServer(_ => null);

        // Act
        var tally = await new BatchImporter(100, ImportTestData.FastRetry())
            .RunAsync(file, server.Open, ImportTestData.Journal(), new NoProgress(), CancellationToken.None);

        // Assert
        Assert.DoesNotContain(server.Batches.SelectMany(b => b), call => call.CallId == "c-4");
        Assert.Equal(5, tally.Accepted);
        var rejected = Assert.Single(tally.Examples);
        Assert.Equal(5, rejected.LineNumber);
        Assert.Equal("outcome", rejected.Field);
        Assert.StartsWith("'sold' is not one of", rejected.Reason);
    }

    [Fact]
    public async Task RunAsync_OnlyUnreadableLines_MovesOnInBatchesOfBoundedSize()
    {
        // Arrange: 7 lines, all unreadable, in batches of 3 lines: three empty batches go out.
        var text = "call_id,campaign_id,operator_id,started_at,outcome,talk_seconds\n"
            + string.Concat(Enumerable.Range(1, 7).Select(i => $"c-{i},camp,op,2026-03-28T08:00:00Z,sold,1\n"));
        using var file = CsvRecordFile<CallRecord>.FromText(text, CallCsvFormat.Instance, "calls.csv");
        var server = new FakeImportServer(_ => null);

        // Act
        var tally = await new BatchImporter(3, ImportTestData.FastRetry())
            .RunAsync(file, server.Open, ImportTestData.Journal(), new NoProgress(), CancellationToken.None);

        // Assert
        Assert.Equal([0, 0, 0], server.Batches.Select(b => b.Count));
        Assert.Equal(7, tally.Rejected);
        var reason = Assert.Single(tally.Counts.Reasons);
        Assert.Equal(7, reason.Count);
    }
}
