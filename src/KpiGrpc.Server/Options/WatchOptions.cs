namespace KpiGrpc.Server.Options;

/// <summary>Live watch settings (<c>Kpi:Watch</c> section).</summary>
public sealed class WatchOptions
{
    public const string SectionName = "Kpi:Watch";

    /// <summary>Shortest coalesce interval a watch may ask for.</summary>
    public static readonly TimeSpan MinCoalesceInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest coalesce interval a watch may ask for.</summary>
    public static readonly TimeSpan MaxCoalesceInterval = TimeSpan.FromSeconds(60);

    /// <summary>Smallest <see cref="MaxMessageBytes"/>: room for a few of the largest groups (three 200-character ids).</summary>
    public const int MinMessageBytes = 16 * 1024;

    /// <summary>
    /// How long changes are gathered before an update is sent, when the watch does not say.
    /// Default 250 ms: fast enough for a wallboard, slow enough to batch a bulk import.
    /// </summary>
    public TimeSpan DefaultCoalesceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Most watches open at once on one HTTP/2 connection; the next one fails with
    /// RESOURCE_EXHAUSTED. Default 50: half of Kestrel's default of 100 streams per connection,
    /// so that queries and imports on the same connection still get a stream.
    /// </summary>
    public int MaxWatchesPerConnection { get; set; } = 50;

    /// <summary>Most watches open at once on the whole server; the next one fails with RESOURCE_EXHAUSTED. Default 1,000.</summary>
    public int MaxWatches { get; set; } = 1000;

    /// <summary>
    /// Largest watch message, in bytes: a bigger snapshot or update is split (see
    /// WatchKpisResponse.continued). A client that stops reading holds one such message in the
    /// server's memory, serialized and as objects (about 3.5 times its size), hence a default of
    /// 64 KiB, the size of an HTTP/2 stream's initial window; at most 4,000,000 (under the 4 MiB
    /// default receive limit of gRPC clients).
    /// </summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Largest share of the time spent computing watch figures, all watched queries together
    /// (one computation at a time, then a pause): 0.2 leaves 80% of a core to ingest and queries
    /// however many distinct queries are watched; past it, watches update less often than their
    /// coalesce interval. Between 0.01 and 1 (1: no pause).
    /// </summary>
    public double MaxComputeShare { get; set; } = 0.2;

    public static bool IsAllowed(TimeSpan interval) => interval >= MinCoalesceInterval && interval <= MaxCoalesceInterval;
}
