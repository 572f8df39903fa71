using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// calls.csv read for speed: each field goes from Sep's span straight into a batch's columns
/// (<see cref="Fill"/>), and the common instant shapes skip the general parser. A line with anything unusual is read again by
/// <see cref="CallCsvFormat"/>, so values and error messages are exactly those of kpi import.
/// </summary>
internal sealed class FastCallCsvFile : IRecordFile<CallRecord>, ICallBatchSource
{
    // The same names as CallCsvFormat, looked up from spans without a string: exactly as
    // written first (the usual case, and a cheaper hash), then in any case. Frozen: a third
    // faster than a Dictionary for these few short keys (measured).
    private static readonly FrozenDictionary<string, CallOutcome>.AlternateLookup<ReadOnlySpan<char>> OutcomeNames =
        CallCsvFormat.Outcomes.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, CallOutcome>.AlternateLookup<ReadOnlySpan<char>> OutcomeNamesAnyCase =
        CallCsvFormat.Outcomes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Stream _stream;
    private readonly SepReader _reader;
    private readonly int[] _columns;
    private readonly CsvFields _fields;

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
                yield return new RecordLine<CallRecord>(row.LineNumberFrom, null, error, row.Span.ToString());
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
        _stream.Dispose();
    }

    // The loop body of every line: optimised at once rather than after tiering up mid-file.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadFast(SepReader.Row row, out FastCall call)
    {
        call = default;
        var outcome = Field(row, 6);
        if (!SpanInstant.TryParse(Field(row, 5), out call.StartedAtSeconds, out call.StartedAtNanos)
            || !(OutcomeNames.TryGetValue(outcome, out call.Outcome) || OutcomeNamesAnyCase.TryGetValue(outcome, out call.Outcome))
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
        return true;
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
