using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Import.Checkpoints;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-checkpoint-").FullName;

    private string CheckpointPath => Path.Combine(_directory, "import.kpi-checkpoint");

    [Fact]
    public void Save_ThenOpen_ReadsBackTheEntry()
    {
        // Arrange
        var store = CheckpointStore.Open(CheckpointPath);
        var entry = ImportTestData.NewEntry();
        entry.Line = 5001;
        entry.Lines = 5000;
        entry.NextBatchId = 2;
        entry.Counts.Accepted = 4998;
        entry.Counts.CountRejection("outcome", "'sold' is not one of ...");
        entry.Counts.CountRejection("outcome", "'sold' is not one of ...");
        store.Replace(entry);

        // Act
        store.Save();
        var read = CheckpointStore.Open(CheckpointPath).Find("calls", entry.File);

        // Assert
        Assert.NotNull(read);
        Assert.Equal(5001, read.Line);
        Assert.Equal(5000, read.Lines);
        Assert.Equal(2, read.NextBatchId);
        Assert.Equal(4998, read.Counts.Accepted);
        Assert.Equal(new ReasonCount("outcome", "'sold' is not one of ...", 2), Assert.Single(read.Counts.Reasons));
        Assert.Null(read.File.Difference(entry.File));
        Assert.Equal([CheckpointPath], Directory.GetFiles(_directory));
    }

    [Fact]
    public void Open_Garbage_FailsNamingTheFileAndTheWayOut()
    {
        // Arrange
        File.WriteAllText(CheckpointPath, "{ not json");

        // Act
        var error = Assert.Throws<CheckpointException>(() => CheckpointStore.Open(CheckpointPath));

        // Assert
        Assert.Contains(CheckpointPath, error.Message);
        Assert.Contains("delete it", error.Message);
    }

    [Fact]
    public void For_UnfinishedCheckpointWithoutResume_RefusesAndSaysHowToContinue()
    {
        // Arrange
        var (store, file) = StoreWith(line: 301, done: false);

        // Act
        var error = Assert.Throws<CheckpointException>(() => CheckpointPlan.For(store, "calls", "calls.csv", file, resume: false));

        // Assert
        Assert.Contains("stopped after line 301", error.Message);
        Assert.Contains("--resume", error.Message);
    }

    [Fact]
    public void For_UnfinishedCheckpointWithResume_ContinuesAfterTheLastAcknowledgedLine()
    {
        // Arrange
        var (store, file) = StoreWith(line: 301, done: false);

        // Act
        var plan = CheckpointPlan.For(store, "calls", "calls.csv", file, resume: true);

        // Assert
        Assert.False(plan.AlreadyDone);
        Assert.Equal(301, plan.Entry.Line);
        Assert.Contains("resuming after line 301", plan.Note);
    }

    [Fact]
    public void For_FileChangedSinceTheCheckpoint_RefusesToResume()
    {
        // Arrange
        var (store, file) = StoreWith(line: 301, done: false);
        File.AppendAllText(file.FullPath, "c-999,camp,op,2026-03-28T08:00:00Z,answered,1\n");

        // Act
        var error = Assert.Throws<CheckpointException>(
            () => CheckpointPlan.For(store, "calls", "calls.csv", FileIdentity.Of(file.FullPath), resume: true));

        // Assert
        Assert.Contains("changed since the checkpoint", error.Message);
        Assert.Contains("size changed", error.Message);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void For_FinishedCheckpoint_SkippedWithResumeStartedOverWithout(bool resume, bool skipped)
    {
        // Arrange
        var (store, file) = StoreWith(line: 1001, done: true);

        // Act
        var plan = CheckpointPlan.For(store, "calls", "calls.csv", file, resume);

        // Assert
        Assert.Equal(skipped, plan.AlreadyDone);
        Assert.Equal(skipped ? 1001 : 0, plan.Entry.Line);
    }

    [Fact]
    public async Task RunAsync_ResumedEntry_SkipsTheAcknowledgedLinesAndKeepsTheirCounts()
    {
        // Arrange: an earlier run had lines 2..11 (c-1..c-10) acknowledged.
        var entry = ImportTestData.NewEntry();
        entry.Line = 11;
        entry.Lines = 10;
        entry.NextBatchId = 3;
        entry.Counts.Accepted = 10;
        var store = CheckpointStore.Open(CheckpointPath);
        var journal = new ImportJournal(new ImportTally("calls.csv", entry.Counts), RejectsFile.None, store, entry);
        using var file = CsvRecordFile<CallRecord>.FromText(ImportTestData.Calls(25), CallCsvFormat.Instance, "calls.csv");
        var server = new FakeImportServer(_ => null);

        // Act
        var tally = await new BatchImporter(10, ImportTestData.FastRetry())
            .RunAsync(file, server.Open, journal, new NoProgress(), CancellationToken.None);

        // Assert
        Assert.Equal("c-11", server.Batches[0][0].CallId);
        Assert.Equal(15, server.Stored);
        Assert.Equal(25, tally.Accepted);
        var saved = CheckpointStore.Open(CheckpointPath).Find("calls", entry.File)!;
        Assert.True(saved.Done);
        Assert.Equal(26, saved.Line);
        Assert.Equal(25, saved.Lines);
        Assert.Equal(5, saved.NextBatchId);
    }

    [Fact]
    public async Task RunAsync_KilledAfterSomeAcks_CheckpointHoldsTheLastAcknowledgedLine()
    {
        // Arrange: the stream acknowledges two batches of 10 and then fails for good.
        var store = CheckpointStore.Open(CheckpointPath);
        var entry = ImportTestData.NewEntry();
        var journal = new ImportJournal(new ImportTally("calls.csv"), RejectsFile.None, store, entry);
        using var file = CsvRecordFile<CallRecord>.FromText(ImportTestData.Calls(50), CallCsvFormat.Instance, "calls.csv");
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = (2, Grpc.Core.StatusCode.PermissionDenied);

        // Act
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new BatchImporter(10, ImportTestData.FastRetry(), maxBatchesInFlight: 1)
            .RunAsync(file, server.Open, journal, new NoProgress(), CancellationToken.None));

        // Assert: lines 2..21 hold c-1..c-20.
        var saved = CheckpointStore.Open(CheckpointPath).Find("calls", entry.File)!;
        Assert.False(saved.Done);
        Assert.Equal(21, saved.Line);
        Assert.Equal(20, saved.Counts.Accepted);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (CheckpointStore Store, FileIdentity File) StoreWith(int line, bool done)
    {
        var input = Path.Combine(_directory, "calls.csv");
        File.WriteAllText(input, ImportTestData.Calls(1000));
        var file = FileIdentity.Of(input);
        var store = CheckpointStore.Open(CheckpointPath);
        store.Replace(new CheckpointEntry { Kind = "calls", File = file, Line = line, Lines = line - 1, Done = done });
        store.Save();
        return (CheckpointStore.Open(CheckpointPath), file);
    }
}
