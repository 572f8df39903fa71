namespace KpiGrpc.Server.Tls;

/// <summary>The log messages of TLS: which certificate serves, reloads, and refused client certificates.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(101, LogLevel.Information, "TLS certificate {Certificate}; client certificates {ClientCertificates}")]
    public static partial void Loaded(ILogger logger, string certificate, string clientCertificates);

    [LoggerMessage(102, LogLevel.Information, "TLS files changed: new connections now get {Certificate}")]
    public static partial void Reloaded(ILogger logger, string certificate);

    [LoggerMessage(103, LogLevel.Warning, "TLS files changed but cannot be used, the previous certificate stays: {Reason}")]
    public static partial void ReloadFailed(ILogger logger, string reason);

    [LoggerMessage(104, LogLevel.Warning, "Client certificate {Subject} from {Peer} refused: {Reason}")]
    public static partial void ClientCertificateRefused(ILogger logger, string subject, string peer, string reason);
}
