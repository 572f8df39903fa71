namespace KpiGrpc.Storage.Sqlite;

/// <summary>What <see cref="StoreVerifier"/> checked, found and did, line by line; clean when no problem was found.</summary>
public sealed class StoreReport(string dataDirectory)
{
    private readonly List<string> _lines = [];

    public string DataDirectory { get; } = dataDirectory;

    public IReadOnlyList<string> Lines => _lines;

    public int Problems { get; private set; }

    public bool Clean => Problems == 0;

    internal void Ok(string line) => _lines.Add($"ok        {line}");

    internal void Problem(string line)
    {
        Problems++;
        _lines.Add($"PROBLEM   {line}");
    }

    internal void Detail(string line) => _lines.Add($"            {line}");

    internal void Repaired(string line) => _lines.Add($"repaired  {line}");

    internal void Append(StoreReport other)
    {
        _lines.AddRange(other._lines);
        Problems += other.Problems;
    }
}
