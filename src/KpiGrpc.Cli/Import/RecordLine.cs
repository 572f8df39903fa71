namespace KpiGrpc.Cli.Import;

/// <summary>One record of an input file: the record it holds, or why it could not be read.</summary>
/// <param name="LineNumber">1-based line in the file (a header, if any, is line 1).</param>
internal readonly record struct RecordLine<T>(int LineNumber, T? Record, string? Error)
    where T : class
{
    public bool IsValid => Error is null;
}
