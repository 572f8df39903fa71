namespace KpiGrpc.Cli.Import;

/// <summary>How long an import keeps trying a server that does not answer.</summary>
/// <param name="MaxRetries">Retries in a row without an acknowledgement before giving up (0: none).</param>
/// <param name="BaseDelay">Median delay before the first retry; doubles at each retry, with jitter.</param>
/// <param name="MaxDelay">The longest wait between two attempts.</param>
internal sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>8 retries, 200 ms doubling up to 30 s: about a minute of waiting for a server that restarts.</summary>
    public static RetrySettings Default { get; } = new(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
}
