namespace KpiGrpc.Cli.Import;

/// <summary>
/// A run of consecutive lines of a file: the records sent as one batch and the lines that could
/// not be read. Kept until the server acknowledges it, so it can be resent on a new stream.
/// </summary>
internal sealed class ImportBatch<T>(long id, List<T> records, int[] lineNumbers, List<RejectedLine> unreadable, int lastLine, int lines)
    where T : class
{
    public long Id { get; } = id;

    public IReadOnlyList<T> Records { get; } = records;

    /// <summary>The line of each record, by its index in the batch.</summary>
    public IReadOnlyList<int> LineNumbers { get; } = lineNumbers;

    /// <summary>Lines of the run that could not be read: counted when the batch is acknowledged.</summary>
    public IReadOnlyList<RejectedLine> Unreadable { get; } = unreadable;

    /// <summary>The last line of the run: once acknowledged, every line up to it is done.</summary>
    public int LastLine { get; } = lastLine;

    /// <summary>Records and unreadable lines in the run.</summary>
    public int Lines { get; } = lines;
}
