using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// What a watch client holds, by group key, so that an update carries only the groups whose
/// figures changed, plus the groups that left the window (sent with zero counts).
/// </summary>
public sealed class GroupDiff
{
    private Dictionary<GroupKey, KpiGroupResult> _sent = [];

    /// <summary>Records a snapshot: the client now holds exactly these groups.</summary>
    public void Reset(IReadOnlyList<KpiGroupResult> groups)
    {
        _sent = new Dictionary<GroupKey, KpiGroupResult>(groups.Count);
        foreach (var group in groups)
        {
            _sent[GroupKey.Of(group)] = group;
        }
    }

    /// <summary>The groups that differ from what was sent; the held state moves to <paramref name="groups"/>.</summary>
    public (List<KpiGroupResult> Changed, List<KpiGroupResult> Removed) Advance(IReadOnlyList<KpiGroupResult> groups)
    {
        var changed = new List<KpiGroupResult>();
        var next = new Dictionary<GroupKey, KpiGroupResult>(groups.Count);
        foreach (var group in groups)
        {
            var key = GroupKey.Of(group);
            next[key] = group;
            // Records compare by value: counters, logged hours and every KPI with its status.
            if (!_sent.Remove(key, out var previous) || previous != group)
            {
                changed.Add(group);
            }
        }

        var removed = _sent.Values.ToList();
        _sent = next;
        return (changed, removed);
    }

    private readonly record struct GroupKey(string? OperatorId, string? TeamId, string? CampaignId, DateTimeOffset? PeriodStart)
    {
        public static GroupKey Of(KpiGroupResult group) => new(group.OperatorId, group.TeamId, group.CampaignId, group.PeriodStart);
    }
}
