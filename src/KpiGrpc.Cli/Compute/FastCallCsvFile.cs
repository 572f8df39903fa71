using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// calls.csv read for speed: each field goes from Sep's span straight into a batch's columns
/// (<see cref="Fill"/>), and the common instant shapes skip the general parser. A line with anything unusual is read again by
/// <see cref="CallCsvFormat"/>, so values and error messages are exactly those of kpi import.
/// Kept for speed: about 4-8x faster than kpi import's reader (CallLineReaders, bench/README.md).
/// </summary>
/// <remarks>
/// Fields are read untrimmed, about 1.15x faster than with Sep's trimming (CallLineReaders, bench/README.md),
/// and a field with no space at either end after unescaping is exactly what kpi import reads
/// (trimming outside quotes, unescaping, trimming inside them). A line with such a space is read
/// the exact way, from its fields trimmed as Sep trims them; a header with one makes the whole
/// file read with Sep's trimming.
/// </remarks>
internal sealed class FastCallCsvFile : IRecordFile<CallRecord>, ICallBatchSource
{
    // The same names as CallCsvFormat, looked up from spans without a string: exactly as
    // written first (the usual case: OutcomeSpellings), then in any case (frozen: faster than a
    // Dictionary for these few short keys, OutcomeLookups in bench/README.md).
    private static readonly FrozenDictionary<string, CallOutcome>.AlternateLookup<ReadOnlySpan<char>> OutcomeNamesAnyCase =
        CallCsvFormat.Outcomes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly InputSource _source;
    private readonly SepReader _reader;
    private readonly bool _readerTrims;
    private readonly int[] _columns;
    private readonly CsvFields _fields;

    // The current line as written, when it holds a quote: Sep unescapes a quoted field in place
    // once it is read, and the exact way reads the line again from its text.
    private char[] _quotedLine = new char[256];
    private int _quotedLineLength = -1;

    // The date of the previous line's started_at: read again only when it changes.
    private SpanInstant.Day _day;

    private FastCallCsvFile(Func<InputSource> open, string name)
    {
        Name = name;
        _source = open();
        try
        {
            _reader = Reader(_source.Content, SepTrim.None);
            if (_reader.Header.ColNames.Any(NeedsTrimming))
            {
                _reader.Dispose();
                _source.Dispose();
                _source = open();
                _reader = Reader(_source.Content, SepTrim.All);
                _readerTrims = true;
            }

            (_columns, var fileNames, IgnoredColumns) = CsvHeaderBinding.Bind(_reader.Header, CallCsvFormat.Instance, name, CsvReadOptions.Default);
            _fields = new CsvFields(CallCsvFormat.Instance.Columns, fileNames);
        }
        catch
        {
            // A header that does not bind (or an unreadable file) must not leave the file open.
            _reader?.Dispose();
            _source.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public long BytesRead => _source.BytesRead;

    public long Length => _source.Length;

    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Opens calls.csv, gzipped or not (<see cref="InputSource"/> decides, as for kpi import).</summary>
    public static FastCallCsvFile Open(string path) => new(() => InputSource.Open(path, "calls"), Path.GetFileName(path));

    /// <summary>Reads CSV held in memory (tests).</summary>
    public static FastCallCsvFile FromText(string text, string name = "calls.csv") =>
        new(() => InputSource.FromBytes(System.Text.Encoding.UTF8.GetBytes(text)), name);

    public IEnumerable<RecordLine<CallRecord>> ReadLines()
    {
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            if (row.ColCount <= 1 && row.Span.IsWhiteSpace())
            {
                continue;
            }

            KeepIfQuoted(row);
            if (TryReadFast(row, out var fast))
            {
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, fast.ToRecord(), null);
            }
            else if (ReadExactly(row, out var error) is { } exact)
            {
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, exact, null);
            }
            else
            {
                // As CsvRecordFile: an unreadable line keeps its text, for --rejects.
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, null, error, LineText(row));
            }
        }
    }

    /// <summary>
    /// The next calls (up to <paramref name="maxCalls"/> in the batch) straight into
    /// <paramref name="batch"/>, no message per call: the fast path of kpi compute. Values and
    /// errors are those of <see cref="ReadLines"/>. False once the file has no line left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Fill(CallColumnsBuilder batch, int maxCalls, List<int> lineNumbers, Action<int, string> unreadable)
    {
        var any = false;
        while (batch.Count < maxCalls && _reader.MoveNext())
        {
            var row = _reader.Current;
            if (row.ColCount <= 1 && row.Span.IsWhiteSpace())
            {
                continue;
            }

            any = true;
            KeepIfQuoted(row);
            if (TryReadFast(row, out var call))
            {
                batch.Add(call.CallId, call.CampaignId, call.OperatorId, call.TeamId, call.LeadId,
                    call.StartedAtSeconds, call.StartedAtNanos, call.Outcome, call.TalkSeconds, call.RemovalRequested, call.Revision);
            }
            else if (ReadExactly(row, out var error) is { } exact)
            {
                batch.Add(exact);
            }
            else
            {
                unreadable(row.LineNumberFrom, error);
                continue;
            }

            lineNumbers.Add(row.LineNumberFrom);
        }

        return any;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _source.Dispose();
    }

    // The loop body of every line: optimised at once rather than after tiering up mid-file.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadFast(SepReader.Row row, out FastCall call)
    {
        call = default;
        var outcome = Field(row, 6);
        if (!SpanInstant.TryParse(Field(row, 5), ref _day, out call.StartedAtSeconds, out call.StartedAtNanos)
            || !(OutcomeSpellings.TryExact(outcome, out call.Outcome) || OutcomeNamesAnyCase.TryGetValue(outcome, out call.Outcome))
            || !CsvValues.TryNumber(Field(row, 7), out call.TalkSeconds)
            || !CsvValues.TryBoolean(Field(row, 8), out call.RemovalRequested)
            || !CsvValues.TryInteger(Field(row, 9), out call.Revision))
        {
            return false;
        }

        call.CallId = Field(row, 0);
        call.CampaignId = Field(row, 1);
        call.OperatorId = Field(row, 2);
        call.TeamId = Field(row, 3);
        call.LeadId = Field(row, 4);
        // The typed fields refuse a space at either end (a number reads the same value with it).
        return _readerTrims
            || !(HasEdgeSpace(call.CallId) || HasEdgeSpace(call.CampaignId) || HasEdgeSpace(call.OperatorId)
                || HasEdgeSpace(call.TeamId) || HasEdgeSpace(call.LeadId));
    }

    /// <summary>The line as kpi import reads it: the reference for every value and message.</summary>
    private CallRecord? ReadExactly(SepReader.Row row, out string error)
    {
        // A line with quotes is read again as written, by a reader that trims as kpi import's
        // does (Sep unescaped its fields in place). Otherwise Sep's trimming is removing spaces
        // at both ends, a no-op when the reader trims already.
        using var quoted = _quotedLineLength >= 0 ? Reader(new StringReader(LineText(row)), SepTrim.All, hasHeader: false) : null;
        if (quoted is not null)
        {
            quoted.MoveNext();
        }

        for (var column = 0; column < _columns.Length; column++)
        {
            _fields.Set(column, (quoted is null ? Field(row, column).Trim(' ') : Field(quoted.Current, column)).ToString());
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

    /// <summary>The reader options of CsvRecordFile (kpi import's reader), with <paramref name="trim"/>.</summary>
    private static SepReader Reader(Stream stream, SepTrim trim) => Options(trim, hasHeader: true).From(stream);

    private static SepReader Reader(TextReader text, SepTrim trim, bool hasHeader) => Options(trim, hasHeader).From(text);

    private static SepReaderOptions Options(SepTrim trim, bool hasHeader) => Sep.New(',').Reader(o => o with
    {
        HasHeader = hasHeader,
        Unescape = true,
        Trim = trim,
        DisableColCountCheck = true,
        ColNameComparer = StringComparer.OrdinalIgnoreCase,
    });

    private static bool NeedsTrimming(string headerName) => HasEdgeSpace(headerName) || headerName.Contains('"');

    private static bool HasEdgeSpace(ReadOnlySpan<char> field) => field.Length > 0 && (field[0] == ' ' || field[^1] == ' ');

    /// <summary>Keeps the line as written when it holds a quote, before any field is read (and unescaped in place).</summary>
    private void KeepIfQuoted(SepReader.Row row)
    {
        var text = row.Span;
        if (_readerTrims || !text.Contains('"'))
        {
            _quotedLineLength = -1;
            return;
        }

        if (_quotedLine.Length < text.Length)
        {
            _quotedLine = new char[text.Length * 2];
        }

        text.CopyTo(_quotedLine);
        _quotedLineLength = text.Length;
    }

    /// <summary>The line as written.</summary>
    private string LineText(SepReader.Row row) =>
        _quotedLineLength >= 0 ? new string(_quotedLine, 0, _quotedLineLength) : row.Span.ToString();

    /// <summary>One line's fields as the fast path reads them: spans into Sep's buffer, valid until the next line.</summary>
    private ref struct FastCall
    {
        public ReadOnlySpan<char> CallId;
        public ReadOnlySpan<char> CampaignId;
        public ReadOnlySpan<char> OperatorId;
        public ReadOnlySpan<char> TeamId;
        public ReadOnlySpan<char> LeadId;
        public long StartedAtSeconds;
        public int StartedAtNanos;
        public CallOutcome Outcome;
        public double TalkSeconds;
        public bool RemovalRequested;
        public int Revision;

        public readonly CallRecord ToRecord() => new()
        {
            CallId = CallId.ToString(),
            CampaignId = CampaignId.ToString(),
            OperatorId = OperatorId.ToString(),
            TeamId = TeamId.ToString(),
            LeadId = LeadId.ToString(),
            StartedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = StartedAtSeconds, Nanos = StartedAtNanos },
            Outcome = Outcome,
            TalkSeconds = TalkSeconds,
            RemovalRequested = RemovalRequested,
            Revision = Revision,
        };
    }
}
