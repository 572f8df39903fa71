using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Validation;
using KpiGrpc.Storage.Sqlite;

namespace KpiGrpc.Storage.Tests;

/// <summary>
/// The stored path (validation, SQLite store, rollups, query engine) and the stateless
/// computation (ComputeKpis' core) fed the same random stream of records must agree on every
/// batch's outcome and on every figure: they share the ingest engine, and this keeps it so.
/// </summary>
public sealed class StoreComputeParityTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly RecordValidator Validator = new(new FixedClock(Day.AddDays(1)));

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task StoreAndCompute_SameRandomStream_SameOutcomesAndFigures(int seed)
    {
        // Arrange
        var dataDirectory = Path.Combine(Path.GetTempPath(), "kpigrpc-parity-" + Guid.NewGuid().ToString("N"));
        await using var store = SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = dataDirectory });
        var ingestor = new KpiIngestor(store, Validator);
        using var computation = new KpiComputation(Validator, BenchmarkCatalog.ArticleDefaults);
        try
        {
            // Act / Assert: batch by batch
            var number = 0;
            var seen = new int[4];
            foreach (var batch in new RandomRecordStream(seed, Day).Batches(80))
            {
                var (stored, computed) = batch switch
                {
                    { Calls.Count: > 0 } => (await ingestor.RecordCallsAsync(batch.Calls, CancellationToken.None), computation.AddCalls(batch.Calls)),
                    { Results.Count: > 0 } => (await ingestor.RecordResultsAsync(batch.Results, CancellationToken.None), computation.AddResults(batch.Results)),
                    _ => (await ingestor.RecordSessionsAsync(batch.Sessions, CancellationToken.None), computation.AddSessions(batch.Sessions)),
                };
                Assert.True(Outcomes(stored) == Outcomes(computed), $"seed {seed}, batch {number}: stored {Outcomes(stored)}, computed {Outcomes(computed)}");
                (seen[0], seen[1], seen[2], seen[3]) = (seen[0] + stored.Duplicates, seen[1] + stored.Replaced, seen[2] + stored.Stale, seen[3] + stored.Rejections.Count);
                number++;
            }

            // Assert: every group, hour by hour
            var query = new KpiQuery(Day, Day.AddDays(1), KpiFilter.All, GroupDimensions.Operator | GroupDimensions.Team | GroupDimensions.Campaign, Granularity.Hour, TimeZoneInfo.Utc);
            var storedGroups = await new KpiQueryEngine(store.Rollups, BenchmarkCatalog.ArticleDefaults).QueryAsync(query, CancellationToken.None);
            var computedResult = await computation.ComputeAsync(
                new ComputeQuery(query.From, query.To, query.Filter, query.GroupBy, query.Granularity, query.TimeZone), CancellationToken.None);
            // The stream exercised every rule: duplicates, replacements, stale copies, rejections, sales, sessions.
            Assert.All(seen, count => Assert.True(count > 0, $"seed {seed}: duplicates, replaced, stale, rejected = {string.Join(", ", seen)}"));
            Assert.True(storedGroups.Sum(group => group.Counters.Sales) > 0 && storedGroups.Sum(group => group.LoggedHours) > 0, $"seed {seed}: appointments {storedGroups.Sum(group => group.Counters.Appointments)} sales {storedGroups.Sum(group => group.Counters.Sales)}, logged hours {storedGroups.Sum(group => group.LoggedHours)}");
            Assert.Equal(Figures(storedGroups), Figures(computedResult.Groups));
        }
        finally
        {
            await store.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static string Outcomes(BatchResult batch) =>
        $"{batch.Accepted} accepted, {batch.Duplicates} duplicates, {batch.Replaced} replaced, {batch.Stale} stale, rejected "
        + string.Join(' ', batch.Rejections.Select(rejection => $"{rejection.Index}:{rejection.Violation.Field}"));

    /// <summary>What a user reads of each group (the KPIs are a function of these), in a stable order.</summary>
    private static List<string> Figures(IEnumerable<KpiGroupResult> groups) =>
        [.. groups
            .Select(group => $"{group.CampaignId}/{group.TeamId}/{group.OperatorId} {group.PeriodStart:O}: {group.Counters} hours {group.LoggedHours} estimated {group.LoggedHoursEstimated}")
            .Order(StringComparer.Ordinal)];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
