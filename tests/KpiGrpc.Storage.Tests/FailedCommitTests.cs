using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Storage;
using KpiGrpc.Core.Validation;
using KpiGrpc.Storage.Sqlite;

namespace KpiGrpc.Storage.Tests;

/// <summary>
/// Every failed commit leaves the store as the disk has it: random streams of batches, about one
/// in three with a fault injected (the Nth write, the COMMIT, the ROLLBACK; with or without SQLite
/// rolling the transaction back itself, as it does on a full disk), each failed batch retried as
/// a client would. After each batch the store's figures are those of a store that never failed,
/// and again after the store is reopened from disk.
/// </summary>
public sealed class FailedCommitTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly RecordValidator Validator = new(new FixedClock(Day.AddDays(1)));

    private readonly string _root = Directory.CreateTempSubdirectory("kpigrpc-faults-").FullName;

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Store_FaultsInjectedAndBatchesRetried_SameFiguresAsAStoreThatNeverFailedAlsoAfterReopening(int seed)
    {
        // Arrange
        var faults = new StoreFaults();
        var options = new SqliteStoreOptions { DataDirectory = Path.Combine(_root, "faulty") };
        await using var reference = SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = Path.Combine(_root, "reference") });
        var store = SqliteKpiStore.Open(options, faults);
        var random = new Random(seed);
        var failed = new List<string>();
        try
        {
            var number = 0;
            foreach (var batch in new RandomRecordStream(seed, Day).Batches(60))
            {
                var expected = await RecordAsync(reference, batch);
                var before = await FiguresAsync(store);
                var fault = Arm(faults, random);

                // Act
                BatchResult stored;
                try
                {
                    stored = await RecordAsync(store, batch);
                }
                catch (StoreFullException)
                {
                    // Assert: nothing of the failed batch shows; the client's retry is stored.
                    failed.Add(fault);
                    Assert.True(before.SequenceEqual(await FiguresAsync(store)), $"seed {seed}, batch {number}, {fault}: the failed batch changed the figures");
                    faults.Disarm();
                    stored = await RecordAsync(store, batch);
                    await store.DisposeAsync();
                    store = SqliteKpiStore.Open(options, faults);
                }

                // Assert
                faults.Disarm();
                Assert.True(Outcomes(expected) == Outcomes(stored), $"seed {seed}, batch {number}, {fault}: {Outcomes(stored)} instead of {Outcomes(expected)}");
                Assert.Equal(await FiguresAsync(reference), await FiguresAsync(store));
                number++;
            }

            await store.DisposeAsync();
            store = SqliteKpiStore.Open(options, faults);
            Assert.Equal(await FiguresAsync(reference), await FiguresAsync(store));
            Assert.True(failed.Count >= 5, $"seed {seed}: only {failed.Count} injected faults fired");
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Arms a fault for the next batch, one time in three; says which.</summary>
    private static string Arm(StoreFaults faults, Random random)
    {
        var sqliteRollsBack = random.Next(2) == 0;
        var failRollback = random.Next(2) == 0;
        string fault;
        switch (random.Next(6))
        {
            case 0:
                var nth = random.Next(1, 12);
                faults.FailWrite(nth, sqliteRollsBack);
                fault = $"write {nth} failed";
                break;
            case 1:
                faults.FailCommit(sqliteRollsBack);
                fault = "COMMIT failed";
                break;
            default:
                return "no fault";
        }

        if (failRollback)
        {
            faults.FailRollback();
        }

        return $"{fault}{(sqliteRollsBack ? ", SQLite rolled back" : ", transaction left open")}{(failRollback ? ", ROLLBACK failed" : "")}";
    }

    private static Task<BatchResult> RecordAsync(IKpiStore store, RandomBatch batch)
    {
        var ingestor = new KpiIngestor(store, Validator);
        return batch switch
        {
            { Calls.Count: > 0 } => ingestor.RecordCallsAsync(batch.Calls, CancellationToken.None),
            { Results.Count: > 0 } => ingestor.RecordResultsAsync(batch.Results, CancellationToken.None),
            _ => ingestor.RecordSessionsAsync(batch.Sessions, CancellationToken.None),
        };
    }

    private static string Outcomes(BatchResult batch) =>
        $"{batch.Accepted} accepted, {batch.Duplicates} duplicates, {batch.Replaced} replaced, {batch.Stale} stale, {batch.Rejections.Count} rejected";

    /// <summary>Every (campaign, team, operator) group hour by hour, as a user reads it.</summary>
    private static async Task<List<string>> FiguresAsync(IKpiStore store)
    {
        var query = new KpiQuery(Day, Day.AddDays(1), KpiFilter.All, GroupDimensions.Operator | GroupDimensions.Team | GroupDimensions.Campaign, Granularity.Hour, TimeZoneInfo.Utc);
        var groups = await new KpiQueryEngine(store.Rollups, BenchmarkCatalog.ArticleDefaults).QueryAsync(query, CancellationToken.None);
        return [.. groups
            .Select(group => $"{group.CampaignId}/{group.TeamId}/{group.OperatorId} {group.PeriodStart:O}: {group.Counters} hours {group.LoggedHours}")
            .Order(StringComparer.Ordinal)];
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
