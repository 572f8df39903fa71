using System.Text.Unicode;
using Google.Protobuf.Collections;
using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Server.Mapping;

/// <summary>
/// A <see cref="V1.CallColumns"/> message checked once as a whole (column lengths, indexes,
/// UTF-8 of the ids), then read in place as <see cref="ICallColumns"/>: what ComputeKpis
/// validates and counts, ids never turned into strings. A malformed message is refused before
/// any of its calls is counted. A struct: <see cref="KpiComputation.AddCalls{TCalls}(TCalls)"/>
/// is then compiled for it, every read below inlined into the counting loop. Obtained through
/// <see cref="Open"/> only.
/// </summary>
public readonly struct CallColumnsView : ICallColumns
{
    private const string Field = "call_columns";

    private readonly string[] _ids;
    private readonly ReadOnlyMemory<byte> _callIds;
    private readonly int[] _callIdStarts;
    private readonly ReadOnlyMemory<byte> _leadIds;
    private readonly int[]? _leadIdStarts;

    // The number columns copied out of their RepeatedField once (a block copy each): the
    // counting loop then reads plain arrays, one bounds check and no call per value.
    private readonly uint[] _campaignIndexes;
    private readonly uint[] _operatorIndexes;
    private readonly uint[] _teamIndexes;
    private readonly long[] _startedAtSeconds;
    private readonly int[] _startedAtNanos;
    private readonly V1.CallOutcome[] _outcomes;
    private readonly double[] _talkSeconds;
    private readonly bool[] _removalRequested;
    private readonly int[] _revisions;

    private CallColumnsView(V1.CallColumns columns)
    {
        Count = columns.CallIdLengths.Count;
        _ids = ToArray(columns.Ids);
        _callIds = columns.CallIds.Memory;
        _callIdStarts = Starts(columns.CallIdLengths, _callIds.Span, "call_ids", "call_id_lengths");
        _leadIds = columns.LeadIds.Memory;
        _leadIdStarts = columns.LeadIdLengths.Count == 0 && _leadIds.IsEmpty
            ? null
            : Starts(columns.LeadIdLengths, _leadIds.Span, "lead_ids", "lead_id_lengths");
        _campaignIndexes = ToArray(columns.CampaignIndexes);
        _operatorIndexes = ToArray(columns.OperatorIndexes);
        _teamIndexes = ToArray(columns.TeamIndexes);
        _startedAtSeconds = ToArray(columns.StartedAtSeconds);
        _startedAtNanos = ToArray(columns.StartedAtNanos);
        _outcomes = ToArray(columns.Outcomes);
        _talkSeconds = ToArray(columns.TalkSeconds);
        _removalRequested = ToArray(columns.RemovalRequested);
        _revisions = ToArray(columns.Revisions);
    }

    /// <summary>The number of calls: the size of call_id_lengths.</summary>
    public int Count { get; }

    /// <summary>Checks the message's shape; throws <see cref="KpiRequestException"/> naming the faulty column.</summary>
    public static CallColumnsView Open(V1.CallColumns columns)
    {
        var view = new CallColumnsView(columns);
        view.CheckLengths();
        view.CheckIndexes(view._campaignIndexes, "campaign_indexes");
        view.CheckIndexes(view._operatorIndexes, "operator_indexes");
        view.CheckIndexes(view._teamIndexes, "team_indexes");
        return view;
    }

    public IReadOnlyList<string> Ids => _ids;

    public ReadOnlySpan<byte> CallId(int index) => _callIds.Span[_callIdStarts[index].._callIdStarts[index + 1]];

    public ReadOnlySpan<byte> LeadId(int index) =>
        _leadIdStarts is null ? [] : _leadIds.Span[_leadIdStarts[index].._leadIdStarts[index + 1]];

    public int CampaignIndex(int index) => (int)_campaignIndexes[index];

    public int OperatorIndex(int index) => (int)_operatorIndexes[index];

    public int TeamIndex(int index) => _teamIndexes.Length == 0 ? -1 : (int)_teamIndexes[index];

    public DateTimeOffset StartedAt(int index) =>
        ProtoTime.ToInstantOrDefault(_startedAtSeconds[index], _startedAtNanos.Length == 0 ? 0 : _startedAtNanos[index]);

    public CallOutcome Outcome(int index) => (CallOutcome)_outcomes[index];

    public double TalkSeconds(int index) => _talkSeconds.Length == 0 ? 0 : _talkSeconds[index];

    public bool RemovalRequested(int index) => _removalRequested.Length != 0 && _removalRequested[index];

    public int Revision(int index) => _revisions.Length == 0 ? 0 : _revisions[index];

    /// <summary>
    /// Where each id starts in its blob (plus the end), after checking that the lengths add up
    /// to the blob and that every id is whole, valid UTF-8.
    /// </summary>
    private int[] Starts(RepeatedField<uint> lengths, ReadOnlySpan<byte> blob, string blobName, string lengthsName)
    {
        if (lengths.Count != Count)
        {
            throw Malformed(lengthsName, $"has {lengths.Count} values for {Count} calls");
        }

        if (!Utf8.IsValid(blob))
        {
            throw Malformed(blobName, "is not valid UTF-8");
        }

        var starts = GC.AllocateUninitializedArray<int>(Count + 1);
        long position = 0;
        for (var i = 0; i < Count; i++)
        {
            starts[i] = (int)position;
            position += lengths[i];
            if (position > blob.Length)
            {
                break;
            }

            // A cut inside a multi-byte character would split it into two invalid ids.
            if (position < blob.Length && (blob[(int)position] & 0xC0) == 0x80)
            {
                throw Malformed(lengthsName, $"cuts {blobName} inside a character at call {i}");
            }
        }

        if (position != blob.Length)
        {
            throw Malformed(lengthsName, $"adds up to {position} bytes but {blobName} holds {blob.Length}");
        }

        starts[Count] = blob.Length;
        return starts;
    }

    private void CheckLengths()
    {
        // Each call refers to three ids at most: more is not a batch the sender built from its calls.
        if (_ids.Length > 3L * Count)
        {
            throw Malformed("ids", $"holds {_ids.Length} ids for {Count} calls; each call refers to 3 at most");
        }

        Required(_campaignIndexes.Length, "campaign_indexes");
        Required(_operatorIndexes.Length, "operator_indexes");
        Required(_startedAtSeconds.Length, "started_at_seconds");
        Required(_outcomes.Length, "outcomes");
        Optional(_teamIndexes.Length, "team_indexes");
        Optional(_startedAtNanos.Length, "started_at_nanos");
        Optional(_talkSeconds.Length, "talk_seconds");
        Optional(_removalRequested.Length, "removal_requested");
        Optional(_revisions.Length, "revisions");
    }

    private void Required(int size, string column)
    {
        if (size != Count)
        {
            throw Malformed(column, $"has {size} values for {Count} calls");
        }
    }

    private void Optional(int size, string column)
    {
        if (size != 0 && size != Count)
        {
            throw Malformed(column, $"has {size} values for {Count} calls (leave it empty for the default)");
        }
    }

    private void CheckIndexes(uint[] indexes, string column)
    {
        for (var i = 0; i < indexes.Length; i++)
        {
            if (indexes[i] >= _ids.Length)
            {
                throw Malformed(column, $"refers to id {indexes[i]} at call {i}, but ids holds {_ids.Length}");
            }
        }
    }

    private static T[] ToArray<T>(RepeatedField<T> column)
    {
        // Every element is written by the copy: no need to zero the array first.
        var values = GC.AllocateUninitializedArray<T>(column.Count);
        column.CopyTo(values, 0);
        return values;
    }

    private static KpiRequestException Malformed(string column, string problem) =>
        new($"{Field}.{column}", $"{Field}.{column} {problem}");
}
