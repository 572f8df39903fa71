using System.Security.Cryptography.X509Certificates;

namespace KpiGrpc.Client;

/// <summary>How <see cref="KpiClient"/> and <see cref="KpiCallRecorder"/> reach the service and cope with failures.</summary>
public sealed class KpiClientOptions
{
    /// <summary>The server, e.g. <c>http://127.0.0.1:5000</c>, or <c>https://</c> for TLS. Required.</summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// With an https address: trust only this CA for the server's certificate, instead of the
    /// system's CAs (e.g. <c>X509Certificate2.CreateFromPemFile("ca.pem")</c>). Null: the system's CAs.
    /// </summary>
    public X509Certificate2? CertificateAuthority { get; set; }

    /// <summary>
    /// With an https address: the certificate, with its private key, presented to a server that
    /// requires client certificates (mutual TLS), e.g. <c>X509Certificate2.CreateFromPemFile("client.pem", "client.key")</c>.
    /// </summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// The API key sent with every call (<c>authorization: Bearer</c>) to a server with a keys file;
    /// null: none. Over an http address it crosses the network in clear: use https beyond a
    /// trusted network.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Deadline of each attempt of a unary call (record, query) and of the wait for a watch snapshot. Default 10 s.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a whole <see cref="KpiClient.ImportCallsAsync"/> stream. Default 30 min.</summary>
    public TimeSpan ImportDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Retries after the first attempt of a unary call that failed transiently (0 disables retries). Default 4.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Median delay before the first retry; later ones grow exponentially, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two retries or two watch reconnects. Default 5 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of transient failures, within <see cref="CircuitBreakerSamplingDuration"/>, that opens the circuit. Default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling duration before the circuit may open (at least 2). Default 20.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>Window over which the failure ratio is measured (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before letting one through (at least 0.5 s). Default 10 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls per batch sent by <see cref="KpiCallRecorder"/> (1 to 50,000). Default 1,000.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Longest time a recorded call waits in the recorder before its batch is sent. Default 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Calls the recorder buffers before <see cref="KpiCallRecorder.RecordAsync"/> waits for room. Default 10,000.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Idle time after which an HTTP/2 ping checks that the server is still there, so a watch notices a vanished server. Default 30 s.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);
}
