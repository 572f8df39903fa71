namespace KpiGrpc.Core.Storage;

/// <summary>
/// The disk holding the store is full: the batch was not stored (nothing of it was kept). The
/// client should send it again once space is freed; the store finds out by itself when writes
/// work again (<see cref="IKpiStore.Health"/>).
/// </summary>
public sealed class StoreFullException(string dataDirectory, long? freeBytes, Exception? innerException = null)
    : Exception(
        $"{ProblemOf(dataDirectory, freeBytes)}: the batch was not stored. Free some space there; writes resume by themselves, then send the batch again.",
        innerException)
{
    /// <summary>The data directory, as a full path.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Bytes left for the store on that disk when the write failed; null when the system could not tell.</summary>
    public long? FreeBytes { get; } = freeBytes;

    /// <summary>What is wrong, without what it did to the batch: for health and logs.</summary>
    public string Problem => ProblemOf(DataDirectory, FreeBytes);

    private static string ProblemOf(string dataDirectory, long? freeBytes) =>
        $"The disk holding the data directory {dataDirectory} is full ({(freeBytes is { } free ? $"{free:N0} bytes free" : "free space unknown")})";
}
