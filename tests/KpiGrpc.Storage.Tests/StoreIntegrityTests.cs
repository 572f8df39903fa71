using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Storage;
using KpiGrpc.Storage.Sqlite;
using KpiGrpc.Testing;

namespace KpiGrpc.Storage.Tests;

/// <summary>
/// Damaged, truncated or lost files: the store refuses to start with a message naming the file
/// and what to do, instead of starting with wrong or missing figures; --verify reports the
/// damage and --repair fixes what the records allow.
/// </summary>
public sealed class StoreIntegrityTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("kpigrpc-integrity-").FullName;

    private SqliteStoreOptions Options(string name = "data") => new() { DataDirectory = Path.Combine(_root, name) };

    [Fact]
    public async Task Open_DatabaseEmptiedWhereAStoreWasCreated_RefusesNamingTheMarker()
    {
        // Arrange
        var options = Options();
        await StoreCallsAsync(options, 0, 100);
        File.WriteAllBytes(options.DatabasePath, []);

        // Act
        var error = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(options));

        // Assert
        Assert.Contains("the database is empty (0 bytes), but a store was created here", error.Message);
        Assert.Contains(options.DatabasePath + ".created", error.Message);
        Assert.Equal(0, new FileInfo(options.DatabasePath).Length);
    }

    [Fact]
    public async Task Open_DatabaseDeletedWhereAStoreWasCreated_Refuses()
    {
        var options = Options();
        await StoreCallsAsync(options, 0, 100);
        File.Delete(options.DatabasePath);

        var error = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(options));

        Assert.Contains("the database is missing", error.Message);
    }

    [Fact]
    public async Task Open_MarkerDeletedOnPurpose_StartsAnEmptyStore()
    {
        var options = Options();
        await StoreCallsAsync(options, 0, 100);
        File.WriteAllBytes(options.DatabasePath, []);
        File.Delete(options.DatabasePath + ".created");

        await using var store = SqliteKpiStore.Open(options);

        Assert.Equal(0, await DialedAsync(store));
        Assert.True(File.Exists(options.DatabasePath + ".created"));
    }

    [Fact]
    public async Task Open_DatabaseTruncated_RefusesSayingSo()
    {
        // Arrange: enough calls for a few hundred pages, copied into the file at a clean stop.
        var options = Options();
        await StoreCallsAsync(options, 0, 20_000);
        var length = new FileInfo(options.DatabasePath).Length;
        using (var file = File.Open(options.DatabasePath, FileMode.Open))
        {
            file.SetLength(length / 2);
        }

        // Act
        var error = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(options));

        // Assert
        Assert.Contains("the database is truncated", error.Message);
        Assert.Equal(options.DatabasePath, error.Path);
    }

    [Fact]
    public async Task Open_RollupCountChangedOnDisk_RefusedVerifyFindsTheRollupRepairRebuildsIt()
    {
        // Arrange: one rollup's dialed count off by 4, as a flipped bit leaves it.
        var options = Options();
        await StoreCallsAsync(options, 0, 500);
        StoreFileDamage.Execute(options.DatabasePath, "UPDATE rollups SET dialed = dialed + 4 WHERE slot = (SELECT min(slot) FROM rollups)");

        // Act
        var refused = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(options));
        var verified = StoreVerifier.Verify(options);
        var repaired = StoreRepair.Repair(options, TimeProvider.System);
        await using var store = SqliteKpiStore.Open(options);

        // Assert
        Assert.Contains("the rollups add up to dialed 504 against 500 in their running total", refused.Message);
        Assert.Contains("--verify", refused.Message);
        Assert.False(verified.Clean);
        Assert.Contains(verified.Lines, line => line.Contains("camp-1 / team-1 / op-1 at 2026-11-02 09:00Z: stored dialed 19 against 15 recomputed", StringComparison.Ordinal));
        Assert.Contains(verified.Lines, line => line.Contains("the rollups count 504 calls; the calls table holds 500", StringComparison.Ordinal));
        Assert.True(repaired.Clean, string.Join('\n', repaired.Lines));
        Assert.Equal(500, await DialedAsync(store));
    }

    [Fact]
    public async Task Open_SeriesRowDeleted_RefusedVerifyListsTheCallsRepairMovesThemToCsv()
    {
        // Arrange: op-2's series row gone, its calls and rollups left pointing to it.
        var options = Options();
        await StoreCallsAsync(options, 0, 300, operatorOf: i => i % 3 == 0 ? "op-2" : "op-1");
        StoreFileDamage.Execute(options.DatabasePath, "DELETE FROM series WHERE operator_id = 'op-2'");

        // Act
        var refused = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(options));
        var verified = StoreVerifier.Verify(options);
        var repaired = StoreRepair.Repair(options, TimeProvider.System);
        await using var store = SqliteKpiStore.Open(options);

        // Assert
        Assert.Contains("rollup rows count calls under series ids that do not exist", refused.Message);
        Assert.Contains(verified.Lines, line => line.Contains("100 calls point to series ids that do not exist", StringComparison.Ordinal));
        Assert.True(repaired.Clean, string.Join('\n', repaired.Lines));
        var csv = Assert.Single(Directory.GetFiles(options.DataDirectory, "dangling-calls-*.csv"));
        Assert.Equal(101, File.ReadAllLines(csv).Length);
        Assert.StartsWith("c-0,,,,,2026-11-02T09:00:00.000Z,answered,30,false,0", File.ReadAllLines(csv)[1]);
        Assert.Equal(200, await DialedAsync(store));
    }

    [Fact]
    public async Task Open_SeriesPageDamaged_RefusedNamingTheDatabaseAndWhatToDo()
    {
        var options = Options();
        await StoreCallsAsync(options, 0, 300, operatorOf: i => $"op-{i % 40}");
        StoreFileDamage.ZeroRowsOfTable(options.DatabasePath, "series");

        var error = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(options));
        var verified = StoreVerifier.Verify(options);

        Assert.Equal(options.DatabasePath, error.Path);
        Assert.Contains("the database is damaged", error.Message);
        Assert.Contains("--verify", error.Message);
        Assert.DoesNotContain("NULL at ordinal", error.Message);
        Assert.Contains(verified.Lines, line => line.Contains("integrity_check found damaged pages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_WalFrameDamagedBeforeLaterCommits_RefusedVerifyReportsRepairKeepsWhatPrecedes()
    {
        // Arrange: three batches committed, the files copied as a kill -9 leaves them, then one
        // bit flipped in the first batch's frames.
        var crashed = Options("crashed");
        await using (var store = SqliteKpiStore.Open(Options()))
        {
            await store.StoreCallsAsync(Calls(0, 100), CancellationToken.None);
            await store.StoreCallsAsync(Calls(100, 100), CancellationToken.None);
            await store.StoreCallsAsync(Calls(200, 100), CancellationToken.None);
            StoreFileDamage.CopyAsCrashed(Options().DataDirectory, crashed.DataDirectory);
        }

        var commits = StoreFileDamage.CommitFrames(crashed.DatabasePath + "-wal");
        StoreFileDamage.FlipBitInWalFrame(crashed.DatabasePath + "-wal", commits[0] + 1);

        // Act
        var refused = Assert.Throws<StoreDamagedException>(() => SqliteKpiStore.Open(crashed));
        var verified = StoreVerifier.Verify(crashed);
        var repaired = StoreRepair.Repair(crashed, TimeProvider.System);
        await using var reopened = SqliteKpiStore.Open(crashed);

        // Assert
        Assert.Equal(crashed.DatabasePath + "-wal", refused.Path);
        Assert.Contains($"the write-ahead log is damaged at frame {commits[0] + 1:N0}", refused.Message);
        Assert.Contains("silently drop the 3 committed after it", refused.Message);
        Assert.False(verified.Clean);
        Assert.True(repaired.Clean, string.Join('\n', repaired.Lines));
        Assert.Contains(repaired.Lines, line => line.Contains("the 3 committed after it are dropped", StringComparison.Ordinal));
        Assert.Equal(0, await DialedAsync(reopened));
    }

    [Fact]
    public async Task Open_LastTransactionOfTheLogDamaged_StartsWithoutItAsAfterAPowerCut()
    {
        // Arrange: the last transaction's frames damaged, as a power cut tears a write that was
        // never acknowledged; nothing after it is lost, so nothing is reported.
        var crashed = Options("crashed");
        await using (var store = SqliteKpiStore.Open(Options()))
        {
            await store.StoreCallsAsync(Calls(0, 100), CancellationToken.None);
            await store.StoreCallsAsync(Calls(100, 100), CancellationToken.None);
            StoreFileDamage.CopyAsCrashed(Options().DataDirectory, crashed.DataDirectory);
        }

        StoreFileDamage.FlipBitInWalFrame(crashed.DatabasePath + "-wal", StoreFileDamage.CommitFrames(crashed.DatabasePath + "-wal")[^1]);

        // Act
        await using var reopened = SqliteKpiStore.Open(crashed);

        // Assert
        Assert.Equal(100, await DialedAsync(reopened));
    }

    [Fact]
    public async Task Verify_SoundStore_CleanAndUnchangedOnDisk()
    {
        // Arrange: a store as a kill -9 leaves it, its log not yet copied into the database.
        var crashed = Options("crashed");
        await using (var store = SqliteKpiStore.Open(Options()))
        {
            await store.StoreCallsAsync(Calls(0, 300), CancellationToken.None);
            await store.StoreResultsAsync([new AppointmentResult("c-9", AppointmentResultKind.Sale, Nine.AddDays(1))], CancellationToken.None);
            await store.StoreSessionsAsync([new OperatorSession("s-1", "op-1", "team-1", "camp-1", Nine, Nine.AddHours(3))], CancellationToken.None);
            StoreFileDamage.CopyAsCrashed(Options().DataDirectory, crashed.DataDirectory);
        }

        var before = Directory.GetFiles(crashed.DataDirectory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

        // Act
        var report = StoreVerifier.Verify(crashed);

        // Assert
        Assert.True(report.Clean, string.Join('\n', report.Lines));
        Assert.Contains(report.Lines, line => line.Contains("read 1 series, 300 calls, 1 results, 1 sessions", StringComparison.Ordinal));
        var after = Directory.GetFiles(crashed.DataDirectory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, file => Assert.True(file.Value.AsSpan().SequenceEqual(after[file.Key]), $"{file.Key} changed"));
    }

    [Fact]
    public async Task VerifyAndRepair_StoreOpenBySomeoneElse_RefuseSayingItIsInUse()
    {
        var options = Options();
        await using var running = SqliteKpiStore.Open(options);

        var verify = Assert.Throws<InvalidOperationException>(() => StoreVerifier.Verify(options));
        var repair = Assert.Throws<InvalidOperationException>(() => StoreRepair.Repair(options, TimeProvider.System));

        Assert.Contains("is in use by a running KpiGrpc server: stop it first", verify.Message);
        Assert.Contains("is in use by a running KpiGrpc server: stop it first", repair.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task StoreCallsAsync(SqliteStoreOptions options, int first, int count, Func<int, string>? operatorOf = null)
    {
        await using var store = SqliteKpiStore.Open(options);
        await store.StoreCallsAsync(Calls(first, count, operatorOf), CancellationToken.None);
    }

    /// <summary>Answered calls of 30 s, one a minute from 09:00 (15 per 15-minute slot).</summary>
    private static CallRecord[] Calls(int first, int count, Func<int, string>? operatorOf = null) =>
        [.. Enumerable.Range(first, count).Select(i => new CallRecord(
            $"c-{i}", "camp-1", operatorOf?.Invoke(i) ?? "op-1", "team-1", "", Nine.AddMinutes(i % 600), CallOutcome.Answered, 30, false, 0))];

    private static async Task<long> DialedAsync(IKpiStore store)
    {
        var query = new KpiQuery(Nine.Date, Nine.Date.AddDays(2), KpiFilter.All, GroupDimensions.None, Granularity.None, TimeZoneInfo.Utc);
        var groups = await new KpiQueryEngine(store.Rollups, BenchmarkCatalog.ArticleDefaults).QueryAsync(query, CancellationToken.None);
        return groups.Sum(group => group.Counters.Dialed);
    }
}
