using System.Text;
using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Csv;

/// <summary>
/// A CSV (or TSV) file of one record kind, read line by line as it streams from disk, gzip or
/// not. The header is checked when the file is opened, so a missing column fails before
/// anything is sent.
/// </summary>
internal sealed class CsvRecordFile<T> : IRecordFile<T>
    where T : class
{
    private readonly InputSource _source;
    private readonly SepReader _reader;
    private readonly ICsvRecordFormat<T> _format;
    private readonly int[] _fileIndexes;
    private readonly CsvFields _fields;

    private CsvRecordFile(InputSource source, string name, ICsvRecordFormat<T> format, CsvReadOptions options)
    {
        _source = source;
        _format = format;
        Name = name;
        _reader = Sep.Reader(o => o with
        {
            Sep = options.Separator is { } separator ? new Sep(separator) : null,
            HasHeader = true,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
            ColNameComparer = StringComparer.OrdinalIgnoreCase,
        }).From(source.Content);
        (_fileIndexes, var fileNames, IgnoredColumns) = CsvHeaderBinding.Bind(_reader.Header, format, name, options);
        _fields = new CsvFields(format.Columns, fileNames);
    }

    /// <summary>The file name, for messages.</summary>
    public string Name { get; }

    /// <summary>Header columns that no field of the record kind reads.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Bytes of the file consumed so far (read ahead by a buffer): drives progress bars.</summary>
    public long BytesRead => _source.BytesRead;

    public long Length => _source.Length;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="CsvSchemaException"/>.</summary>
    public static CsvRecordFile<T> Open(string path, ICsvRecordFormat<T> format, CsvReadOptions? options = null)
    {
        var source = InputSource.Open(path, format.Kind);
        try
        {
            return new CsvRecordFile<T>(source, Path.GetFileName(path), format, options ?? CsvReadOptions.Default);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV held in memory (tests, small inputs).</summary>
    public static CsvRecordFile<T> FromText(string text, ICsvRecordFormat<T> format, string name = "input.csv", CsvReadOptions? options = null) =>
        new(InputSource.FromBytes(Encoding.UTF8.GetBytes(text)), name, format, options ?? CsvReadOptions.Default);

    /// <summary>Every non-blank data line the format reads, in file order.</summary>
    public IEnumerable<RecordLine<T>> ReadLines()
    {
        while (_reader.MoveNext())
        {
            if (TryReadCurrent(out var line))
            {
                yield return line;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _source.Dispose();
    }

    private bool TryReadCurrent(out RecordLine<T> line)
    {
        var row = _reader.Current;
        line = default;
        if (row.ColCount <= 1 && row.Span.IsWhiteSpace())
        {
            return false;
        }

        for (var column = 0; column < _fileIndexes.Length; column++)
        {
            var index = _fileIndexes[column];
            _fields.Set(column, index >= 0 && index < row.ColCount ? row[index].ToString() : "");
        }

        try
        {
            var record = _format.Parse(_fields);
            if (record is null)
            {
                return false;
            }

            line = new RecordLine<T>(row.LineNumberFrom, record, null);
        }
        catch (CsvFieldException ex)
        {
            line = new RecordLine<T>(row.LineNumberFrom, null, ex.Message, row.Span.ToString());
        }

        return true;
    }
}
