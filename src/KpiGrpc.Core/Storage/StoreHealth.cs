namespace KpiGrpc.Core.Storage;

/// <summary>
/// Whether a store takes writes. An ack means "on disk", so a store that cannot write (a full
/// disk, a failed commit, a lost database) says so here, for the host's health check, rather
/// than letting clients find out batch by batch.
/// </summary>
/// <param name="Problem">Why the last write failed; null while writes succeed.</param>
public sealed record StoreHealth(string? Problem)
{
    public static StoreHealth Writable { get; } = new((string?)null);

    public bool CanWrite => Problem is null;

    public static StoreHealth CannotWrite(string problem) => new(problem);
}
