namespace KpiGrpc.Cli.Import;

/// <summary>One record of an input file: the record it holds, or why it could not be read.</summary>
/// <param name="LineNumber">1-based line in the file (a header, if any, is line 1).</param>
/// <param name="Raw">The line as it stands in the file, when the reader keeps it (at least for unreadable lines): goes to --rejects.</param>
internal readonly record struct RecordLine<T>(int LineNumber, T? Record, string? Error, string? Raw = null)
    where T : class
{
    public bool IsValid => Error is null;
}
