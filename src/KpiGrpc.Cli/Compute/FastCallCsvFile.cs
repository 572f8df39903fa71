using System.Globalization;
using System.Runtime.CompilerServices;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// calls.csv read for speed: each field goes from Sep's span straight into the proto message,
/// repeated ids (campaign, operator, team) are shared strings, and the common instant shapes
/// skip the general parser. A line with anything unusual is read again by
/// <see cref="CallCsvFormat"/>, so values and error messages are exactly those of kpi import.
/// </summary>
internal sealed class FastCallCsvFile : IRecordFile<CallRecord>
{
    // The same names as CallCsvFormat, in a dictionary that looks spans up without a string.
    private static readonly Dictionary<string, CallOutcome> OutcomeNames = new(CallCsvFormat.Outcomes, StringComparer.OrdinalIgnoreCase);

    private readonly Stream _stream;
    private readonly SepReader _reader;
    private readonly int[] _columns;
    private readonly CsvFields _fields;
    private readonly SharedStrings _campaigns = new();
    private readonly SharedStrings _operators = new();
    private readonly SharedStrings _teams = new();

    private FastCallCsvFile(Stream stream, string name)
    {
        _stream = stream;
        Name = name;
        // The same reader options as CsvRecordFile: the spans are the strings kpi import reads.
        _reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = true,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
            ColNameComparer = StringComparer.OrdinalIgnoreCase,
        }).From(stream);
        (_columns, var fileNames, IgnoredColumns) = CsvHeaderBinding.Bind(_reader.Header, CallCsvFormat.Instance, name, CsvReadOptions.Default);
        _fields = new CsvFields(CallCsvFormat.Instance.Columns, fileNames);
    }

    public string Name { get; }

    public long BytesRead => _stream.Position;

    public long Length => _stream.Length;

    public IReadOnlyList<string> IgnoredColumns { get; }

    public static FastCallCsvFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"calls file '{path}' does not exist", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new FastCallCsvFile(stream, Path.GetFileName(path));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV held in memory (tests).</summary>
    public static FastCallCsvFile FromText(string text, string name = "calls.csv") =>
        new(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name);

    public IEnumerable<RecordLine<CallRecord>> ReadLines()
    {
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            if (row.ColCount <= 1 && row.Span.IsWhiteSpace())
            {
                continue;
            }

            if (TryReadFast(row) is { } call)
            {
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, call, null);
            }
            else if (ReadExactly(row, out var error) is { } exact)
            {
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, exact, null);
            }
            else
            {
                // As CsvRecordFile: an unreadable line keeps its text, for --rejects.
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, null, error, row.Span.ToString());
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    // The loop body of every line: optimised at once rather than after tiering up mid-file.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CallRecord? TryReadFast(SepReader.Row row)
    {
        var outcomes = OutcomeNames.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!SpanInstant.TryParse(Field(row, 5), out var startedAt)
            || !outcomes.TryGetValue(Field(row, 6), out var outcome)
            || !TryNumber(Field(row, 7), out var talkSeconds)
            || !TryBoolean(Field(row, 8), out var removal)
            || !TryInteger(Field(row, 9), out var revision))
        {
            return null;
        }

        return new CallRecord
        {
            CallId = Field(row, 0).ToString(),
            CampaignId = _campaigns.Get(Field(row, 1)),
            OperatorId = _operators.Get(Field(row, 2)),
            TeamId = _teams.Get(Field(row, 3)),
            LeadId = Field(row, 4).ToString(),
            StartedAt = startedAt,
            Outcome = outcome,
            TalkSeconds = talkSeconds,
            RemovalRequested = removal,
            Revision = revision,
        };
    }

    /// <summary>The line as kpi import reads it: the reference for every value and message.</summary>
    private CallRecord? ReadExactly(SepReader.Row row, out string error)
    {
        for (var column = 0; column < _columns.Length; column++)
        {
            _fields.Set(column, Field(row, column).ToString());
        }

        try
        {
            error = "";
            return CallCsvFormat.Instance.Parse(_fields);
        }
        catch (CsvFieldException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private ReadOnlySpan<char> Field(SepReader.Row row, int column)
    {
        var index = _columns[column];
        return index >= 0 && index < row.ColCount ? row[index].Span : [];
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        return text.IsEmpty || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));
    }

    private static bool TryInteger(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.IsEmpty || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryBoolean(ReadOnlySpan<char> text, out bool value)
    {
        value = text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || text.IsEmpty || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
