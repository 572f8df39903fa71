using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// Builds <see cref="CallColumns"/> messages call by call: ids straight from the file's spans
/// into UTF-8 blobs, repeated ids (campaign, operator, team) once each in the message's id list,
/// and optional columns dropped when every call has their default. Each <see cref="Build"/>
/// takes the calls added since the previous one, so one builder serves every batch of a file.
/// </summary>
/// <remarks>
/// Values go into plain arrays, reused from batch to batch and copied into the message once a
/// batch (<see cref="RepeatedField{T}"/> adds a whole array in one block copy): about 1.3x faster
/// than adding each value to the message (CallColumnsBuilders, bench/README.md).
/// </remarks>
internal sealed class CallColumnsBuilder
{
    private readonly Dictionary<string, uint> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _idLookup;
    private readonly List<string> _idList = [];
    private readonly Utf8Blob _callIds;
    private readonly Utf8Blob _leadIds;
    private (string? Id, uint Index)[] _campaignOfOperator = new (string?, uint)[64];
    private (string? Id, uint Index)[] _teamOfOperator = new (string?, uint)[64];
    private uint[] _callIdLengths;
    private uint[] _campaignIndexes;
    private uint[] _operatorIndexes;
    private uint[] _teamIndexes;
    private uint[] _leadIdLengths;
    private long[] _startedAtSeconds;
    private int[] _startedAtNanos;
    private CallOutcome[] _outcomes;
    private double[] _talkSeconds;
    private bool[] _removalRequested;
    private int[] _revisions;

    public CallColumnsBuilder(int capacity)
    {
        capacity = Math.Max(capacity, 1);
        _idLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _callIds = new Utf8Blob(capacity * 24);
        _leadIds = new Utf8Blob(capacity * 16);
        _callIdLengths = new uint[capacity];
        _campaignIndexes = new uint[capacity];
        _operatorIndexes = new uint[capacity];
        _teamIndexes = new uint[capacity];
        _leadIdLengths = new uint[capacity];
        _startedAtSeconds = new long[capacity];
        _startedAtNanos = new int[capacity];
        _outcomes = new CallOutcome[capacity];
        _talkSeconds = new double[capacity];
        _removalRequested = new bool[capacity];
        _revisions = new int[capacity];
    }

    /// <summary>Calls added since the last <see cref="Build"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a call from its fields as read in a file.</summary>
    public void Add(
        ReadOnlySpan<char> callId, ReadOnlySpan<char> campaignId, ReadOnlySpan<char> operatorId, ReadOnlySpan<char> teamId, ReadOnlySpan<char> leadId,
        long startedAtSeconds, int startedAtNanos, CallOutcome outcome, double talkSeconds, bool removalRequested, int revision)
    {
        var index = Count;
        if (index == _callIdLengths.Length)
        {
            Grow();
        }

        _callIdLengths[index] = _callIds.Append(callId);
        var @operator = IndexOf(operatorId);
        _operatorIndexes[index] = @operator;
        _campaignIndexes[index] = IndexBeside(ref _campaignOfOperator, @operator, campaignId);
        _teamIndexes[index] = IndexBeside(ref _teamOfOperator, @operator, teamId);
        _leadIdLengths[index] = _leadIds.Append(leadId);
        _startedAtSeconds[index] = startedAtSeconds;
        _startedAtNanos[index] = startedAtNanos;
        _outcomes[index] = outcome;
        _talkSeconds[index] = talkSeconds;
        _removalRequested[index] = removalRequested;
        _revisions[index] = revision;
        Count = index + 1;
    }

    /// <summary>Adds a call already read into a message (any input format).</summary>
    public void Add(CallRecord call)
    {
        // No instant at all: a value outside Timestamp's range, which the server reports as missing.
        var (seconds, nanos) = call.StartedAt is { } startedAt ? (startedAt.Seconds, startedAt.Nanos) : (long.MinValue, 0);
        Add(call.CallId, call.CampaignId, call.OperatorId, call.TeamId, call.LeadId, seconds, nanos, call.Outcome, call.TalkSeconds, call.RemovalRequested, call.Revision);
    }

    /// <summary>
    /// The calls added since the last call as one message (its own copy of every value), every
    /// optional column that holds only defaults left empty; the builder starts the next batch.
    /// </summary>
    public CallColumns Build()
    {
        var count = Count;
        var columns = new CallColumns
        {
            CallIds = _callIds.TakeByteString(),
            LeadIds = _leadIds.TakeByteString(),
        };
        columns.Ids.AddRange(_idList);
        Copy(columns.CallIdLengths, _callIdLengths, count);
        Copy(columns.CampaignIndexes, _campaignIndexes, count);
        Copy(columns.OperatorIndexes, _operatorIndexes, count);
        Copy(columns.StartedAtSeconds, _startedAtSeconds, count);
        Copy(columns.Outcomes, _outcomes, count);
        if (!columns.LeadIds.IsEmpty)
        {
            Copy(columns.LeadIdLengths, _leadIdLengths, count);
        }

        CopyUnlessAll(columns.TeamIndexes, _teamIndexes, count, _ids.TryGetValue("", out var noTeam) ? noTeam : uint.MaxValue);
        CopyUnlessAll(columns.StartedAtNanos, _startedAtNanos, count, 0);
        CopyUnlessAll(columns.TalkSeconds, _talkSeconds, count, 0d);
        CopyUnlessAll(columns.RemovalRequested, _removalRequested, count, false);
        CopyUnlessAll(columns.Revisions, _revisions, count, 0);

        Count = 0;
        _ids.Clear();
        _idList.Clear();
        Array.Clear(_campaignOfOperator);
        Array.Clear(_teamOfOperator);
        return columns;
    }

    /// <summary>
    /// The index of the campaign or team id of a call, checked first against the one of the
    /// operator's previous call: an operator works in one team and mostly on one campaign, so a
    /// span comparison usually replaces a dictionary look-up (measured: bench/README.md, compute).
    /// </summary>
    private uint IndexBeside(ref (string? Id, uint Index)[] previousOf, uint @operator, ReadOnlySpan<char> id)
    {
        if (@operator >= previousOf.Length)
        {
            Array.Resize(ref previousOf, Math.Max(previousOf.Length * 2, (int)@operator + 1));
        }

        ref var previous = ref previousOf[@operator];
        if (previous.Id is { } known && id.SequenceEqual(known))
        {
            return previous.Index;
        }

        var index = IndexOf(id);
        previous = (_idList[(int)index], index);
        return index;
    }

    private uint IndexOf(ReadOnlySpan<char> id)
    {
        if (_idLookup.TryGetValue(id, out var index))
        {
            return index;
        }

        var text = id.ToString();
        index = (uint)_idList.Count;
        _ids.Add(text, index);
        _idList.Add(text);
        return index;
    }

    private void Grow()
    {
        var capacity = _callIdLengths.Length * 2;
        Array.Resize(ref _callIdLengths, capacity);
        Array.Resize(ref _campaignIndexes, capacity);
        Array.Resize(ref _operatorIndexes, capacity);
        Array.Resize(ref _teamIndexes, capacity);
        Array.Resize(ref _leadIdLengths, capacity);
        Array.Resize(ref _startedAtSeconds, capacity);
        Array.Resize(ref _startedAtNanos, capacity);
        Array.Resize(ref _outcomes, capacity);
        Array.Resize(ref _talkSeconds, capacity);
        Array.Resize(ref _removalRequested, capacity);
        Array.Resize(ref _revisions, capacity);
    }

    /// <summary>The first <paramref name="count"/> values into an empty column, in one block copy.</summary>
    private static void Copy<T>(RepeatedField<T> column, T[] values, int count)
    {
        // AddRange copies a whole array at once but walks any other collection value by value.
        column.AddRange(count == values.Length ? values : values[..count]);
    }

    private static void CopyUnlessAll<T>(RepeatedField<T> column, T[] values, int count, T value)
        where T : IEquatable<T>
    {
        if (values.AsSpan(0, count).ContainsAnyExcept(value))
        {
            Copy(column, values, count);
        }
    }

    /// <summary>Ids in UTF-8, one after the other, in a buffer that grows as needed and is reused.</summary>
    private sealed class Utf8Blob(int capacity)
    {
        private byte[] _bytes = new byte[Math.Max(capacity, 256)];
        private int _length;

        /// <summary>Appends <paramref name="text"/> and returns its length in bytes.</summary>
        public uint Append(ReadOnlySpan<char> text)
        {
            var room = _bytes.Length - _length;
            if (room < text.Length * 3)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + (text.Length * 3)));
            }

            var written = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
            _length += written;
            return (uint)written;
        }

        /// <summary>The ids appended so far, copied out; the blob starts again empty.</summary>
        public ByteString TakeByteString()
        {
            var bytes = ByteString.CopyFrom(_bytes, 0, _length);
            _length = 0;
            return bytes;
        }
    }
}
