using System.Globalization;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Watching;

/// <summary>The groups a watch currently shows: a snapshot replaces them all, an update replaces the groups it carries.</summary>
internal sealed class WatchBoard
{
    private readonly SortedDictionary<string, KpiGroup> _groups = new(StringComparer.Ordinal);

    public IReadOnlyCollection<KpiGroup> Groups => _groups.Values;

    public DateTimeOffset? WindowStart { get; private set; }

    public DateTimeOffset? ComputedAt { get; private set; }

    public void Apply(WatchKpisResponse response)
    {
        if (response.Kind == WatchEventKind.Snapshot)
        {
            _groups.Clear();
        }

        foreach (var group in response.Groups)
        {
            _groups[SortKey(group.Key ?? new GroupKey())] = group;
        }

        WindowStart = response.WindowStart?.ToDateTimeOffset() ?? WindowStart;
        ComputedAt = response.ComputedAt?.ToDateTimeOffset() ?? ComputedAt;
    }

    /// <summary>Orders like the server: operator, team, campaign, then period.</summary>
    private static string SortKey(GroupKey key) => string.Join(
        '\u001f',
        key.OperatorId,
        key.TeamId,
        key.CampaignId,
        (key.PeriodStart?.Seconds ?? 0).ToString("D12", CultureInfo.InvariantCulture));
}
