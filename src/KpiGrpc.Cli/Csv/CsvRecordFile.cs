using System.Text;
using KpiGrpc.Cli.Import;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Csv;

/// <summary>
/// A CSV file of one record kind, read line by line as it streams from disk. The header is
/// checked when the file is opened, so a missing column fails before anything is sent.
/// </summary>
internal sealed class CsvRecordFile<T> : IRecordFile<T>
    where T : class
{
    private readonly Stream _stream;
    private readonly SepReader _reader;
    private readonly ICsvRecordFormat<T> _format;
    private readonly int[] _fileIndexes;
    private readonly CsvFields _fields;

    private CsvRecordFile(Stream stream, string name, ICsvRecordFormat<T> format)
    {
        _stream = stream;
        _format = format;
        Name = name;
        _reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = true,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
            ColNameComparer = StringComparer.OrdinalIgnoreCase,
        }).From(stream);
        (_fileIndexes, IgnoredColumns) = CsvHeaderBinding.Bind(_reader.Header, format, name);
        _fields = new CsvFields(format.Columns);
    }

    /// <summary>The file name, for messages.</summary>
    public string Name { get; }

    /// <summary>Header columns that no field of the record kind reads.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Bytes consumed so far (read ahead by a buffer): drives progress bars.</summary>
    public long BytesRead => _stream.Position;

    public long Length => _stream.Length;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="CsvSchemaException"/>.</summary>
    public static CsvRecordFile<T> Open(string path, ICsvRecordFormat<T> format)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{format.Kind} file '{path}' does not exist", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new CsvRecordFile<T>(stream, Path.GetFileName(path), format);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV held in memory (tests, small inputs).</summary>
    public static CsvRecordFile<T> FromText(string text, ICsvRecordFormat<T> format, string name = "input.csv") =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, format);

    /// <summary>Every non-blank data line, in file order.</summary>
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
        _stream.Dispose();
    }

    private bool TryReadCurrent(out RecordLine<T> line)
    {
        var row = _reader.Current;
        if (row.ColCount <= 1 && row.Span.IsWhiteSpace())
        {
            line = default;
            return false;
        }

        for (var column = 0; column < _fileIndexes.Length; column++)
        {
            var index = _fileIndexes[column];
            _fields.Set(column, index >= 0 && index < row.ColCount ? row[index].ToString() : "");
        }

        try
        {
            line = new RecordLine<T>(row.LineNumberFrom, _format.Parse(_fields), null);
        }
        catch (CsvFieldException ex)
        {
            line = new RecordLine<T>(row.LineNumberFrom, null, ex.Message);
        }

        return true;
    }
}
