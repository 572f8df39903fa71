using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Storage;
using KpiGrpc.Storage.Sqlite;

namespace KpiGrpc.Storage.Tests;

public sealed class SqliteKpiStoreTests : KpiStoreContract
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "kpigrpc-store-" + Guid.NewGuid().ToString("N"));

    protected override Task<IKpiStore> OpenStoreAsync() => Task.FromResult<IKpiStore>(Open());

    private SqliteKpiStore Open() => SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = _dataDirectory });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Open_AfterRestart_AcknowledgedCallsAndRollupsAreBack()
    {
        // Arrange
        await Store.StoreCallsAsync([Call("c1", CallOutcome.Appointment, talk: 120), Call("c2", CallOutcome.Dropped)], CancellationToken.None);
        await Store.StoreResultsAsync([Result("c1", AppointmentResultKind.Sale, 30)], CancellationToken.None);
        await Store.DisposeAsync();

        // Act
        await using var reopened = Open();
        var outcomes = await reopened.StoreCallsAsync([Call("c1", CallOutcome.Appointment, talk: 120)], CancellationToken.None);
        var totals = (await TotalsByOperatorAsync(reopened))["op-1"].Counters;

        // Assert
        Assert.Equal([IngestOutcome.Duplicate], outcomes);
        Assert.Equal((2, 1, 1, 1, 120_000L), (totals.Dialed, totals.Appointments, totals.Sales, totals.Dropped, totals.TalkMilliseconds));
    }

    [Fact]
    public void Open_DataDirectoryInUseByAnotherStore_FailsWithClearMessage()
    {
        // The store opened by the test base class holds the database.
        var error = Assert.Throws<InvalidOperationException>(Open);

        Assert.Contains("in use by another KpiGrpc server", error.Message);
    }

    [Fact]
    public void Open_DataDirectoryMissing_CreatesIt()
    {
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "kpi.db")));
    }
}
