using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class RejectsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-rejects-").FullName;

    private string RejectsPath => Path.Combine(_directory, "rejects.csv");

    [Fact]
    public async Task RunAsync_WithRejectsFile_WritesEveryRejectedLineWithItsReason()
    {
        // Arrange: line 4 (c-3) is unreadable, c-7 on line 8 is refused by the server.
        using var file = CsvRecordFile<CallRecord>.FromText(ImportTestData.Calls(9, badOutcomeLine: 4), CallCsvFormat.Instance, "calls.csv");
        var server = new FakeImportServer(call => call.CallId == "c-7" ? "talk_seconds is too long, for \"reasons\"" : null);
        using (var rejects = RejectsFile.Open(RejectsPath, resumeAt: null))
        {
            var journal = new ImportJournal(new ImportTally("calls.csv"), rejects, null, ImportTestData.NewEntry());

            // Act
            await new BatchImporter(4, ImportTestData.FastRetry()).RunAsync(file, server.Open, journal, new NoProgress(), CancellationToken.None);
        }

        // Assert
        var lines = File.ReadAllLines(RejectsPath);
        Assert.Equal(3, lines.Length);
        Assert.Equal("file,line,field,reason,record_id,raw,record", lines[0]);
        Assert.StartsWith("calls.csv,4,outcome,\"'sold' is not one of", lines[1]);
        Assert.EndsWith(",,\"c-3,camp,op,2026-03-28T08:00:00Z,sold,3\",", lines[2 - 1]);
        Assert.StartsWith("calls.csv,8,,\"talk_seconds is too long, for \"\"reasons\"\"\",c-7,,", lines[2]);
        Assert.Contains("\"\"callId\"\": \"\"c-7\"\"", lines[2]);
    }

    [Fact]
    public void Open_ResumeAt_CutsTheRowsOfUnacknowledgedBatchesAndAppends()
    {
        // Arrange: a header and one row acknowledged (recorded length), then a row of a batch never acknowledged.
        const string acknowledged = "file,line,field,reason,record_id,raw,record\ncalls.csv,3,outcome,bad,,,\n";
        File.WriteAllText(RejectsPath, acknowledged + "calls.csv,9,outcome,bad,,,\n");

        // Act
        using (var rejects = RejectsFile.Open(RejectsPath, resumeAt: acknowledged.Length))
        {
            rejects.Write([new RejectedLine("calls.csv", 9, "outcome", "bad")]);
        }

        // Assert
        Assert.Equal(acknowledged + "calls.csv,9,outcome,bad,,,\n", File.ReadAllText(RejectsPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
