using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// Damaged files under a real server process: it refuses to start with a message naming the
/// file and what to do, rather than answering with wrong or missing figures; --verify reports,
/// --repair fixes what the records allow.
/// </summary>
public sealed class IntegrityTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-integrity-").FullName;

    private string Database => Path.Combine(_dataDirectory, "kpi.db");

    [Fact]
    public async Task Start_BitFlippedInARollupCount_RefusedThenVerifyFindsItAndRepairRestoresTheFigures()
    {
        // Arrange: 100,000 calls, 50 in each 15-minute slot; at rest, one bit of the first slot's
        // dialed count flipped in the file (50 becomes 54: the 100,004 calls for 100,000).
        await StoreAsync(Enumerable.Range(0, 2).Select(b => Calls(b * 50_000, 50_000, operators: 1)));
        StoreFileDamage.Compact(Database);
        var flipped = StoreFileDamage.FlipBitInRollup(Database, Day.ToUnixTimeSeconds() / 900, "dialed", bit: 2);

        // Act
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => KpiServerProcess.StartAsync(_dataDirectory));
        var verify = await KpiServerCommand.RunAsync(_dataDirectory, "--verify");
        var repair = await KpiServerCommand.RunAsync(_dataDirectory, "--repair");
        await using var restarted = await KpiServerProcess.StartAsync(_dataDirectory);

        // Assert
        Assert.Equal((50L, 54L), flipped);
        Assert.Contains("the rollups add up to dialed 100,004 against 100,000 in their running total", refused.Message);
        Assert.Contains("--verify", refused.Message);
        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains("2025-01-06 00:00Z: stored dialed 54 against 50 recomputed", verify.Output);
        Assert.Contains("the rollups count 100,004 calls; the calls table holds 100,000", verify.Output);
        Assert.True(repair.ExitCode == 0, repair.Output);
        Assert.Contains("The store is sound.", repair.Output);
        Assert.Equal(100_000, await DialedAsync(restarted));
    }

    [Fact]
    public async Task Start_WalDamagedAfterKill_RefusedNamingTheLogInsteadOfStartingWithHalfTheCalls()
    {
        // Arrange: three acknowledged batches, the server killed (the log not yet copied into
        // kpi.db), then one bit flipped in the second batch's frames.
        await StoreAsync(Enumerable.Range(0, 3).Select(b => Calls(b * 1000, 1000, operators: 5)));
        var wal = Database + "-wal";
        var commits = StoreFileDamage.CommitFrames(wal);
        StoreFileDamage.FlipBitInWalFrame(wal, commits[^3] + 1);

        // Act
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => KpiServerProcess.StartAsync(_dataDirectory));
        var verify = await KpiServerCommand.RunAsync(_dataDirectory, "--verify");
        var repair = await KpiServerCommand.RunAsync(_dataDirectory, "--repair");
        await using var restarted = await KpiServerProcess.StartAsync(_dataDirectory);

        // Assert: what is lost is said, and only an explicit --repair accepts it.
        Assert.Contains($"{wal}: the write-ahead log is damaged at frame", refused.Message);
        Assert.Contains("silently drop the 2 committed after it", refused.Message);
        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains("the write-ahead log is damaged", verify.Output);
        Assert.True(repair.ExitCode == 0, repair.Output);
        Assert.Contains("the 2 committed after it are dropped, send their batches again", repair.Output);
        Assert.Equal(1000, await DialedAsync(restarted));
    }

    [Fact]
    public async Task Start_EmptyDatabaseWhereAStoreExisted_RefusedInsteadOfStartingEmpty()
    {
        await StoreAsync([Calls(0, 1000, operators: 5)]);
        StoreFileDamage.Checkpoint(Database);
        File.WriteAllBytes(Database, []);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => KpiServerProcess.StartAsync(_dataDirectory));

        Assert.Contains($"{Database}: the database is empty (0 bytes), but a store was created here", refused.Message);
        Assert.Contains("Restore kpi.db from a backup", refused.Message);
    }

    [Fact]
    public async Task Start_SeriesPageDamaged_RefusedNamingTheFileAndWhatToDo()
    {
        // Arrange: the rows of the series table (campaign, team, operator of every call) zeroed.
        await StoreAsync([Calls(0, 1000, operators: 40)]);
        StoreFileDamage.Checkpoint(Database);
        StoreFileDamage.ZeroRowsOfTable(Database, "series");

        // Act
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => KpiServerProcess.StartAsync(_dataDirectory));
        var verify = await KpiServerCommand.RunAsync(_dataDirectory, "--verify");

        // Assert
        Assert.Contains($"{Database}: the database is damaged", refused.Message);
        Assert.Contains("--verify", refused.Message);
        Assert.DoesNotContain("NULL at ordinal", refused.Message);
        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains("integrity_check found damaged pages", verify.Output);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>Sends each batch to a fresh server and kills it (no clean stop) once all are acknowledged.</summary>
    private async Task StoreAsync(IEnumerable<RecordCallsRequest> batches)
    {
        await using var server = await KpiServerProcess.StartAsync(_dataDirectory);
        var ingest = new IngestService.IngestServiceClient(server.Channel);
        foreach (var batch in batches)
        {
            Assert.Equal(batch.Calls.Count, (await ingest.RecordCallsAsync(batch)).Ack.Accepted);
        }

        await server.KillHardAsync();
    }

    /// <summary>Unanswered calls, 50 per 15-minute slot from <see cref="Day"/>, spread over the operators.</summary>
    private static RecordCallsRequest Calls(int first, int count, int operators)
    {
        var request = new RecordCallsRequest();
        for (var i = first; i < first + count; i++)
        {
            request.Calls.Add(new CallRecord
            {
                CallId = $"call-{i}",
                CampaignId = "camp",
                OperatorId = $"op-{i % operators}",
                StartedAt = Timestamp.FromDateTimeOffset(Day.AddMinutes(15 * (i / 50)).AddSeconds(15 * (i % 50))),
                Outcome = CallOutcome.NoAnswer,
            });
        }

        return request;
    }

    private static async Task<long> DialedAsync(KpiServerProcess server)
    {
        var response = await new KpiService.KpiServiceClient(server.Channel).QueryKpisAsync(new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(Day),
            To = Timestamp.FromDateTimeOffset(Day.AddDays(30)),
        });
        return response.Groups.Sum(group => group.Counts.Dialed);
    }
}
