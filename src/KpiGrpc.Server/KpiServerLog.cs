namespace KpiGrpc.Server;

/// <summary>Every log message of the host, source-generated so that disabled levels cost nothing.</summary>
internal static partial class KpiServerLog
{
    [LoggerMessage(1, LogLevel.Information, "KPI store opened in {DataDirectory}")]
    public static partial void StoreOpened(ILogger logger, string dataDirectory);

    [LoggerMessage(2, LogLevel.Debug, "{Method} rejected: {Field}: {Reason}")]
    public static partial void InvalidRequest(ILogger logger, string method, string field, string reason);

    [LoggerMessage(3, LogLevel.Error, "{Method} failed")]
    public static partial void UnhandledError(ILogger logger, string method, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "Disk full: the data directory {DataDirectory} has {FreeBytes} bytes free; {Method} refused its batch (RESOURCE_EXHAUSTED) and ingest stays down until space is freed")]
    public static partial void StoreFull(ILogger logger, string method, string dataDirectory, long? freeBytes);

    [LoggerMessage(9, LogLevel.Critical, "{Method} failed: the store is damaged")]
    public static partial void StoreDamaged(ILogger logger, string method, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "{Method} cancelled by the client ({ExceptionType})")]
    public static partial void CallCancelled(ILogger logger, string method, string exceptionType);

    [LoggerMessage(8, LogLevel.Warning, "{Method}: request message cut after {Timeout} waiting for the rest of it ({Received} bytes came)")]
    public static partial void MessageTimedOut(ILogger logger, string method, TimeSpan timeout, long received);

    [LoggerMessage(9, LogLevel.Warning, "{Method}: refused, incoming messages already fill the buffer budget of {Budget} bytes")]
    public static partial void RequestBuffersFull(ILogger logger, string method, long budget);

    [LoggerMessage(4, LogLevel.Debug, "Watch started: window {WindowStart} to {WindowEnd}, coalesce {CoalesceInterval}")]
    public static partial void WatchStarted(ILogger logger, DateTimeOffset windowStart, DateTimeOffset? windowEnd, TimeSpan coalesceInterval);

    [LoggerMessage(5, LogLevel.Debug, "Watch ended after {Updates} updates")]
    public static partial void WatchEnded(ILogger logger, int updates);

    [LoggerMessage(6, LogLevel.Information, "Watch period rolled over to {WindowStart}")]
    public static partial void WatchRolledOver(ILogger logger, DateTimeOffset windowStart);

    [LoggerMessage(10, LogLevel.Warning, "{Method} from {Peer}: refused a request message that does not parse ({ParseError})")]
    public static partial void MalformedRequest(ILogger logger, string method, string peer, string parseError);
}
