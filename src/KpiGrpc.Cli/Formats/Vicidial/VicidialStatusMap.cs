using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// VICIdial status codes to outcomes: the shipped map of VICIdial's default statuses, with a
/// user's file (same columns) layered over it to add campaign statuses or override ours. A row
/// with a campaign_id applies to that campaign only and wins over a row without.
/// </summary>
internal sealed class VicidialStatusMap
{
    private readonly Dictionary<string, VicidialStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Campaign, string Status), VicidialStatus> _campaignStatuses = new(CampaignStatusComparer.Instance);

    private VicidialStatusMap(string userPath)
    {
        UserPath = userPath;
    }

    /// <summary>Where the shipped map is installed, next to the kpi executable.</summary>
    public static string DefaultPath { get; } = Path.Combine(AppContext.BaseDirectory, "Formats", "Vicidial", "vicidial-statuses.csv");

    /// <summary>The file to edit for a missing status: the user's map, or the shipped one to copy.</summary>
    public string UserPath { get; }

    /// <summary>The shipped map, then <paramref name="userMapPath"/> over it; throws <see cref="CsvSchemaException"/> for a bad file.</summary>
    public static VicidialStatusMap Load(string? userMapPath)
    {
        var map = new VicidialStatusMap(userMapPath ?? DefaultPath);
        map.AddFile(DefaultPath);
        if (userMapPath is not null)
        {
            map.AddFile(userMapPath);
        }

        return map;
    }

    /// <summary>Builds a map from text (tests).</summary>
    public static VicidialStatusMap FromText(string text, string name = "statuses.csv")
    {
        var map = new VicidialStatusMap(name);
        using var file = CsvRecordFile<VicidialStatus>.FromText(text, VicidialStatusFormat.Instance, name);
        map.Add(file);
        return map;
    }

    /// <summary>The meaning of <paramref name="status"/> in <paramref name="campaignId"/>, or null when the map lacks it.</summary>
    public VicidialStatus? Find(string campaignId, string status) =>
        _campaignStatuses.TryGetValue((campaignId, status), out var own) ? own
        : _statuses.TryGetValue(status, out var common) ? common
        : null;

    private void AddFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CsvSchemaException($"VICIdial status map '{path}' does not exist");
        }

        using var file = CsvRecordFile<VicidialStatus>.Open(path, VicidialStatusFormat.Instance);
        Add(file);
    }

    private void Add(CsvRecordFile<VicidialStatus> file)
    {
        foreach (var line in file.ReadLines())
        {
            var status = line.Record ?? throw new CsvSchemaException($"VICIdial status map {file.Name} line {line.LineNumber}: {line.Error}");
            if (status.CampaignId.Length == 0)
            {
                _statuses[status.Status] = status;
            }
            else
            {
                _campaignStatuses[(status.CampaignId, status.Status)] = status;
            }
        }
    }

    private sealed class CampaignStatusComparer : IEqualityComparer<(string Campaign, string Status)>
    {
        public static CampaignStatusComparer Instance { get; } = new();

        public bool Equals((string Campaign, string Status) x, (string Campaign, string Status) y) =>
            StringComparer.Ordinal.Equals(x.Campaign, y.Campaign) && StringComparer.OrdinalIgnoreCase.Equals(x.Status, y.Status);

        public int GetHashCode((string Campaign, string Status) key) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.Campaign), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Status));
    }
}
