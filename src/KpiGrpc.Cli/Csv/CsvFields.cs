namespace KpiGrpc.Cli.Csv;

/// <summary>
/// The fields of the current line, indexed by the position of their column in the record
/// format (not in the file, whose column order is free). An absent optional column reads as "".
/// </summary>
internal sealed class CsvFields(IReadOnlyList<CsvColumn> columns, IReadOnlyList<string>? fileNames = null)
{
    private readonly string[] _values = new string[columns.Count];
    private readonly IReadOnlyList<string> _names = fileNames ?? columns.Select(c => c.Name).ToArray();

    public IReadOnlyList<CsvColumn> Columns { get; } = columns;

    public string this[int column] => _values[column];

    /// <summary>The column's name in the file (after any rename), for error messages.</summary>
    public string NameOf(int column) => _names[column];

    internal void Set(int column, string value) => _values[column] = value;
}
