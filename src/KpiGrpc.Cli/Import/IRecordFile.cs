namespace KpiGrpc.Cli.Import;

/// <summary>
/// An input file of one record kind (calls, results or sessions) in any format, read as it
/// streams from disk: all the importer knows of CSV, dialer logs or JSON Lines.
/// </summary>
internal interface IRecordFile<T> : IDisposable
    where T : class
{
    /// <summary>The file name, for messages.</summary>
    string Name { get; }

    /// <summary>Bytes of the file consumed so far (read ahead by a buffer): drives progress bars.</summary>
    long BytesRead { get; }

    /// <summary>Size of the file in bytes.</summary>
    long Length { get; }

    /// <summary>Columns of the file that no field of the record kind reads (reported as a note).</summary>
    IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Every record, in file order; lines that cannot be read carry their error.</summary>
    IEnumerable<RecordLine<T>> ReadLines();
}
