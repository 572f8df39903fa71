namespace KpiGrpc.Cli.Csv;

/// <summary>One field of a line cannot be read; the line is reported and never sent.</summary>
internal sealed class CsvFieldException(string column, string reason) : Exception($"{column}: {reason}")
{
    public string Column { get; } = column;

    public string Reason { get; } = reason;
}
