namespace KpiGrpc.Cli.Csv;

/// <summary>How a delimited file is read beyond its record format.</summary>
/// <param name="Separator">The field separator; null detects it from the header (comma, tab, semicolon, pipe).</param>
/// <param name="ColumnRenames">Record field name to the file's column name (`--map outcome=disposition`).</param>
internal sealed record CsvReadOptions(char? Separator, IReadOnlyDictionary<string, string> ColumnRenames)
{
    public static CsvReadOptions Default { get; } = new(',', new Dictionary<string, string>());

    /// <summary>The file column that holds <paramref name="field"/>.</summary>
    public string FileColumnOf(string field) =>
        ColumnRenames.TryGetValue(field, out var column) ? column : field;
}
