using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Server.Paging;

namespace KpiGrpc.Server.Errors;

/// <summary>
/// Errors for a limit a client ran into, each with a google.rpc.ErrorInfo (a stable reason and
/// the limit) beside a message that says what to do.
/// </summary>
public static class LimitErrors
{
    /// <summary>A QueryKpis without page_size whose answer does not fit in one response.</summary>
    public static RpcException ResponseTooLarge(int groups, int maxPageSize) => RpcErrors.WithReason(
        StatusCode.FailedPrecondition,
        $"The answer has {groups:N0} groups, more than fit in one response ({ResponseSize.MaxBytes:N0} bytes, under the "
            + $"4 MiB default receive limit of gRPC clients): set page_size (at most {maxPageSize:N0}) and pass each "
            + "response's next_page_token as page_token until it comes back empty.",
        "RESPONSE_TOO_LARGE",
        new() { ["groups"] = Text(groups), ["max_bytes"] = Text(ResponseSize.MaxBytes), ["max_page_size"] = Text(maxPageSize) });

    /// <summary>A watch beyond the cap that <paramref name="option"/> sets.</summary>
    public static RpcException TooManyWatches(string reason, int limit, string option, string message) => RpcErrors.WithReason(
        StatusCode.ResourceExhausted,
        message,
        reason,
        new() { ["limit"] = Text(limit), ["option"] = option });

    /// <summary>A call past its key's requests a second (<c>Kpi:Limits:PerKey:RequestsPerSecond</c>).</summary>
    public static RpcException KeyRateLimited(string key, int limit, TimeSpan retryAfter) => RpcErrors.WithReason(
        StatusCode.ResourceExhausted,
        $"Key '{key}' started more than {limit:N0} calls in a second (Kpi:Limits:PerKey:RequestsPerSecond): "
            + "this call was not run; send it again after the retry delay, or spread the calls.",
        "KEY_RATE_LIMITED",
        new() { ["key"] = key, ["limit"] = Text(limit), ["option"] = "Kpi:Limits:PerKey:RequestsPerSecond" },
        retryAfter);

    /// <summary>A stream past its key's open streams (<c>Kpi:Limits:PerKey:ConcurrentStreams</c>).</summary>
    public static RpcException KeyStreamsLimited(string key, int limit, TimeSpan retryAfter) => RpcErrors.WithReason(
        StatusCode.ResourceExhausted,
        $"Key '{key}' already has {limit:N0} streams open (Kpi:Limits:PerKey:ConcurrentStreams): "
            + "this stream was not opened; close one, or open it again after the retry delay.",
        "KEY_STREAMS_LIMITED",
        new() { ["key"] = key, ["limit"] = Text(limit), ["option"] = "Kpi:Limits:PerKey:ConcurrentStreams" },
        retryAfter);

    /// <summary>A batch past its key's records a second (<c>Kpi:Limits:PerKey:RecordsPerSecond</c>).</summary>
    public static RpcException KeyRecordsLimited(string key, int limit, int records, TimeSpan retryAfter) => RpcErrors.WithReason(
        StatusCode.ResourceExhausted,
        $"Key '{key}' sent more than {limit:N0} records in a second (Kpi:Limits:PerKey:RecordsPerSecond): this batch of {records:N0} "
            + "was not stored, batches acknowledged before it are; send it again after the retry delay, or send more slowly.",
        "KEY_RECORDS_LIMITED",
        new() { ["key"] = key, ["limit"] = Text(limit), ["records"] = Text(records), ["option"] = "Kpi:Limits:PerKey:RecordsPerSecond" },
        retryAfter);

    /// <summary>A computation whose distinct calls would pass the server's compute memory budget.</summary>
    public static RpcException ComputeMemoryBudget(long calls, long callsThatFit, long budget) => RpcErrors.WithReason(
        StatusCode.ResourceExhausted,
        $"This computation would hold {calls:N0} distinct calls, but only {callsThatFit:N0} fit in the server's compute memory "
            + $"({budget:N0} bytes, Kpi:Limits:ComputeMemoryBytes, shared by every ComputeKpis): nothing of it was kept. "
            + "Split the log (by campaign or by time) and compute each part, or try when fewer computations run.",
        "COMPUTE_MEMORY_BUDGET",
        new() { ["calls"] = Text(calls), ["calls_that_fit"] = Text(callsThatFit), ["budget_bytes"] = Text(budget), ["option"] = "Kpi:Limits:ComputeMemoryBytes" });

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
