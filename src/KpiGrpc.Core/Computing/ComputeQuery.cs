using KpiGrpc.Core.Querying;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// The shape of a stateless computation's result: a <see cref="KpiQuery"/> whose range may be
/// left to the data (null bounds).
/// </summary>
public sealed record ComputeQuery(
    DateTimeOffset? From,
    DateTimeOffset? To,
    KpiFilter Filter,
    GroupDimensions GroupBy,
    Granularity Granularity,
    TimeZoneInfo TimeZone)
{
    /// <summary>Checks what can be checked before any record arrives, so a bad query fails at once.</summary>
    public void Validate()
    {
        foreach (var (field, bound) in new[] { ("from", From), ("to", To) })
        {
            if (bound is { } instant)
            {
                KpiQueryEngine.ValidateBound(field, instant);
            }
        }

        if (From is { } from && To is { } to)
        {
            KpiQueryEngine.Validate(ToKpiQuery(from, to));
        }
    }

    public KpiQuery ToKpiQuery(DateTimeOffset from, DateTimeOffset to) => new(from, to, Filter, GroupBy, Granularity, TimeZone);
}

/// <summary>The result of a computation: the range used (null when there was no data to derive it) and the groups.</summary>
public sealed record ComputeResult(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<KpiGroupResult> Groups);
