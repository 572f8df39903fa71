namespace KpiGrpc.Core.Storage;

/// <summary>
/// The store's files are damaged, truncated or missing, or disagree with each other: the store
/// refuses to start (or to write) rather than answer with wrong figures. The message names the
/// file, what is wrong and what to do.
/// </summary>
public sealed class StoreDamagedException(string path, string problem, string remedy, Exception? innerException = null)
    : Exception($"{path}: {problem} {remedy}", innerException)
{
    /// <summary>The damaged file, or the data directory when the files disagree.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong, in a sentence.</summary>
    public string Problem { get; } = problem;
}
