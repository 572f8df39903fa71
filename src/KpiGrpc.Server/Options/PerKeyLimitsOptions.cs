namespace KpiGrpc.Server.Options;

/// <summary>
/// What each caller may take of the server, counted per key name (JWT subject), so that a greedy key
/// never starves the others; callers without a key share one count (<c>Kpi:Limits:PerKey</c>).
/// </summary>
public sealed class PerKeyLimitsOptions
{
    /// <summary>Calls (unary or streams opened) a key may start a second; past it RESOURCE_EXHAUSTED. Default 1,000; 0: no limit.</summary>
    public int RequestsPerSecond { get; set; } = 1000;

    /// <summary>Streaming calls (imports, watches, computations) a key may hold open at once. Default 100; 0: no limit.</summary>
    public int ConcurrentStreams { get; set; } = 100;

    /// <summary>
    /// Records (calls, appointment results, sessions) a key may send a second, in unary batches and import
    /// streams together; a batch past it is refused whole. A batch larger than the limit passes only with a
    /// full second's allowance. Default 100,000 (about half what one server stores a second); 0: no limit.
    /// </summary>
    public int RecordsPerSecond { get; set; } = 100_000;
}
