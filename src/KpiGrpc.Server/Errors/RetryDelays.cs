using KpiGrpc.Server.HealthChecks;

namespace KpiGrpc.Server.Errors;

/// <summary>
/// The google.rpc.RetryInfo retry_delay of each refusal that the same request may get past later:
/// the least a client should wait before sending it again.
/// </summary>
public static class RetryDelays
{
    /// <summary>A full disk is freed by an operator, not in milliseconds: about one health probe period.</summary>
    public static readonly TimeSpan StoreFull = KpiHealthChecks.PublishPeriod;

    /// <summary>Other streams' messages are consumed in well under a second.</summary>
    public static readonly TimeSpan RequestBuffersFull = TimeSpan.FromSeconds(1);

    /// <summary>A restarted server (or a load balancer routing elsewhere) is back within seconds.</summary>
    public static readonly TimeSpan ShuttingDown = TimeSpan.FromSeconds(2);

    /// <summary>A key past its own limit, when the limiter does not say when a permit frees (an open stream's does not).</summary>
    public static readonly TimeSpan KeyLimited = TimeSpan.FromSeconds(1);
}
