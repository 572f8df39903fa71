namespace KpiGrpc.Cli.Csv;

/// <summary>One data line of a CSV file: the record it holds, or why it could not be read.</summary>
/// <param name="LineNumber">1-based line in the file (the header is line 1).</param>
internal readonly record struct CsvLine<T>(int LineNumber, T? Record, string? Error)
    where T : class
{
    public bool IsValid => Error is null;
}
