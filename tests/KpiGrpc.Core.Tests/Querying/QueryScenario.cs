using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Tests.Ingest;

namespace KpiGrpc.Core.Tests.Querying;

/// <summary>Records fed through <see cref="KpiGrpc.Core.Ingest.IngestEngine"/> into a <see cref="RollupIndex"/>, then queried.</summary>
internal sealed class QueryScenario
{
    private readonly RollupIndex _index = new();

    public BenchmarkCatalog Benchmarks { get; init; } = BenchmarkCatalog.ArticleDefaults;

    public QueryScenario Calls(params CallRecord[] calls) => Calls(calls, sales: new HashSet<string>());

    public QueryScenario Calls(IEnumerable<CallRecord> calls, IReadOnlySet<string> sales)
    {
        var ledger = new MemoryLedger();
        foreach (var callId in sales)
        {
            ledger.Apply(new AppointmentResult(callId, AppointmentResultKind.Sale, DateTimeOffset.UnixEpoch));
        }

        foreach (var call in calls)
        {
            ledger.Apply(call);
        }

        _index.Apply(ledger.Delta);
        return this;
    }

    public QueryScenario Sessions(params OperatorSession[] sessions)
    {
        var ledger = new MemoryLedger();
        foreach (var session in sessions)
        {
            ledger.Apply(session);
        }

        _index.Apply(ledger.Delta);
        return this;
    }

    public Task<IReadOnlyList<KpiGroupResult>> QueryAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        GroupDimensions groupBy = GroupDimensions.None,
        Granularity granularity = Granularity.None,
        string timeZone = "",
        KpiFilter? filter = null) =>
        new KpiQueryEngine(_index, Benchmarks).QueryAsync(
            new KpiQuery(from, to, filter ?? KpiFilter.All, groupBy, granularity, TimeZones.Find(timeZone)),
            CancellationToken.None);

    public static KpiFilter Only(string[]? campaigns = null, string[]? teams = null, string[]? operators = null) =>
        new(new HashSet<string>(campaigns ?? []), new HashSet<string>(teams ?? []), new HashSet<string>(operators ?? []));
}
