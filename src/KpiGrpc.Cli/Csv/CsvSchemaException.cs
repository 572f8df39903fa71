namespace KpiGrpc.Cli.Csv;

/// <summary>The file cannot be read at all: a required column is missing or the header is empty.</summary>
internal sealed class CsvSchemaException(string message) : Exception(message);
