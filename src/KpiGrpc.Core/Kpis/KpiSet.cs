using System.Text;

namespace KpiGrpc.Core.Kpis;

/// <summary>The KPIs of one group, by <see cref="KpiName"/>; null where the denominator is zero.</summary>
public sealed record KpiSet
{
    private readonly KpiValue?[] _values;

    /// <param name="values">One value per KPI, in <see cref="KpiName"/> order.</param>
    internal KpiSet(KpiValue?[] values)
    {
        if (values.Length != KpiCatalogue.All.Count)
        {
            throw new ArgumentException($"Expected {KpiCatalogue.All.Count} KPI values, got {values.Length}.", nameof(values));
        }

        _values = values;
    }

    public KpiValue? this[KpiName name] => _values[(int)name];

    // By value, KPI by KPI: a watch resends a group only when a figure or a status changed.
    public bool Equals(KpiSet? other) =>
        other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        foreach (var kpi in KpiCatalogue.All)
        {
            builder.Append(kpi.Field).Append(" = ").Append(this[kpi.Name]?.ToString() ?? "null").Append(", ");
        }

        builder.Length -= 2;
        return true;
    }
}
