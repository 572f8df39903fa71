namespace KpiGrpc.Cli.Csv;

/// <summary>How one kind of record is laid out in a CSV file and turned into its proto message.</summary>
internal interface ICsvRecordFormat<out T>
    where T : class
{
    /// <summary>What the file holds, for messages ("calls").</summary>
    string Kind { get; }

    /// <summary>The columns read, in the order <see cref="CsvFields"/> exposes them.</summary>
    IReadOnlyList<CsvColumn> Columns { get; }

    /// <summary>
    /// Builds the record, or null to skip a line the format does not read (e.g. a dialer log row
    /// that is not a sale); throws <see cref="CsvFieldException"/> for a field that cannot be read.
    /// </summary>
    T? Parse(CsvFields fields);
}
