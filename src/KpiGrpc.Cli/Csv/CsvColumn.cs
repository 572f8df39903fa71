namespace KpiGrpc.Cli.Csv;

/// <summary>A column a record kind reads; a required one must be in the header.</summary>
internal sealed record CsvColumn(string Name, bool Required);
