using System.Text;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Computing;

/// <summary>Calls held as <see cref="CallRecord"/> objects, seen as columns (their ids encoded to UTF-8 once).</summary>
public sealed class CallRecordColumns : ICallColumns
{
    private readonly IReadOnlyList<CallRecord> _calls;
    private readonly List<string> _ids = [];
    private readonly int[] _campaigns;
    private readonly int[] _operators;
    private readonly int[] _teams;
    private readonly byte[] _callIds;
    private readonly int[] _callIdStarts;
    private readonly byte[] _leadIds;
    private readonly int[] _leadIdStarts;

    public CallRecordColumns(IReadOnlyList<CallRecord> calls)
    {
        _calls = calls;
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        int IndexOf(string id)
        {
            if (!indexes.TryGetValue(id, out var index))
            {
                index = _ids.Count;
                indexes.Add(id, index);
                _ids.Add(id);
            }

            return index;
        }

        _campaigns = new int[calls.Count];
        _operators = new int[calls.Count];
        _teams = new int[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            _campaigns[i] = IndexOf(calls[i].CampaignId);
            _operators[i] = IndexOf(calls[i].OperatorId);
            _teams[i] = calls[i].TeamId.Length == 0 ? -1 : IndexOf(calls[i].TeamId);
        }

        (_callIds, _callIdStarts) = Encode(calls, static call => call.CallId);
        (_leadIds, _leadIdStarts) = Encode(calls, static call => call.LeadId);
    }

    public int Count => _calls.Count;

    public IReadOnlyList<string> Ids => _ids;

    public ReadOnlySpan<byte> CallId(int index) => _callIds.AsSpan(_callIdStarts[index].._callIdStarts[index + 1]);

    public ReadOnlySpan<byte> LeadId(int index) => _leadIds.AsSpan(_leadIdStarts[index].._leadIdStarts[index + 1]);

    public int CampaignIndex(int index) => _campaigns[index];

    public int OperatorIndex(int index) => _operators[index];

    public int TeamIndex(int index) => _teams[index];

    public DateTimeOffset StartedAt(int index) => _calls[index].StartedAt;

    public CallOutcome Outcome(int index) => _calls[index].Outcome;

    public double TalkSeconds(int index) => _calls[index].TalkSeconds;

    public bool RemovalRequested(int index) => _calls[index].RemovalRequested;

    public int Revision(int index) => _calls[index].Revision;

    private static (byte[] Bytes, int[] Starts) Encode(IReadOnlyList<CallRecord> calls, Func<CallRecord, string> id)
    {
        var starts = new int[calls.Count + 1];
        var bytes = new List<byte>();
        for (var i = 0; i < calls.Count; i++)
        {
            starts[i] = bytes.Count;
            bytes.AddRange(Encoding.UTF8.GetBytes(id(calls[i])));
        }

        starts[calls.Count] = bytes.Count;
        return ([.. bytes], starts);
    }
}
