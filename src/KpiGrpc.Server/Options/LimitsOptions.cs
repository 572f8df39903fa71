namespace KpiGrpc.Server.Options;

/// <summary>
/// What one client, and all of them together, may hold of the server, and how it stops
/// (<c>Kpi:Limits</c> section). The README's Limits table lists these with the fixed limits.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Kpi:Limits";

    /// <summary>
    /// How long the server waits for the rest of a request message once its first bytes came.
    /// A call whose message is late ends with DEADLINE_EXCEEDED and its buffer is freed. Default 30 s
    /// (a 64 MiB message then needs about 18 Mbit/s); at most a day.
    /// </summary>
    public TimeSpan MessageReceiveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bytes of request messages received but not yet decoded, summed over every call. The call
    /// whose bytes would go past it ends with RESOURCE_EXHAUSTED. Default 256 MiB: four messages
    /// of the largest size; at least one such message.
    /// </summary>
    public long MaxBufferedRequestBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Calls open at once on one HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS); a client's
    /// calls past it wait in the client. Default 1,000 (Kestrel's own default is 100).
    /// </summary>
    public int MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>
    /// A connection silent for this long is pinged, so that a vanished client's calls (its
    /// watches) end. Default 60 s; at least 1 s.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a ping may go unanswered before the connection is closed. Default 20 s; at least 1 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// On SIGTERM, how long batches already received may take to be stored and acknowledged
    /// before the remaining connections are cut. Default 10 s (docker stop waits 10 s before
    /// SIGKILL; a batch commits in well under a second).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// On SIGTERM, how long the port stays open with health answering NOT_SERVING (and new batches
    /// refused) before the drain closes it: set it to your load balancer's health probe period so
    /// that it routes elsewhere first. Default 0 (the port closes at once); at most 5 minutes.
    /// </summary>
    public TimeSpan StopDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Requests a second, open streams and records a second per key (<see cref="PerKeyLimitsOptions"/>).</summary>
    public PerKeyLimitsOptions PerKey { get; set; } = new();

    /// <summary>
    /// Bytes all ComputeKpis calls together may hold for the distinct calls they count (about 128 a call),
    /// reserved from expected_calls at start and grown batch by batch; the computation that would pass it
    /// ends with RESOURCE_EXHAUSTED and its memory is freed. Default a quarter of the memory the process may use.
    /// </summary>
    public long? ComputeMemoryBytes { get; set; }

    /// <summary>A quarter of the memory available to the process (the machine's, or the container's limit).</summary>
    public static long DefaultComputeMemoryBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
}
