namespace KpiGrpc.Cli.Compute;

/// <summary>
/// One string per distinct value of a column that repeats (campaign, operator, team): millions
/// of lines name a few hundred of them. Past <see cref="MaxEntries"/> values it stops sharing,
/// so a column that does not repeat cannot grow it without bound.
/// </summary>
internal sealed class SharedStrings
{
    public const int MaxEntries = 100_000;

    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        var value = text.ToString();
        if (_values.Count < MaxEntries)
        {
            _values.Add(value);
        }

        return value;
    }
}
