namespace KpiGrpc.Cli.Import;

/// <summary>What happened to the lines of one file, rejections grouped by field and reason.</summary>
internal sealed class ImportCounts
{
    /// <summary>Distinct reasons kept; beyond, rejections count under <see cref="OtherReasons"/>, so memory stays bounded.</summary>
    public const int MaxReasons = 1000;

    public const string OtherReasons = "(other reasons)";

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public long Replaced { get; set; }

    public long Stale { get; set; }

    public long Rejected { get; set; }

    public List<ReasonCount> Reasons { get; set; } = [];

    /// <summary>Where each reason is in <see cref="Reasons"/>; built on first use, as a checkpoint holds only the list.</summary>
    private Dictionary<(string Field, string Reason), int>? _index;

    public void CountRejection(string field, string reason)
    {
        Rejected++;
        _index ??= Reasons.Select((r, i) => (r, i)).ToDictionary(p => (p.r.Field, p.r.Reason), p => p.i);
        if (!_index.ContainsKey((field, reason)) && Reasons.Count >= MaxReasons)
        {
            (field, reason) = ("", OtherReasons);
        }

        if (_index.TryGetValue((field, reason), out var index))
        {
            Reasons[index] = Reasons[index] with { Count = Reasons[index].Count + 1 };
        }
        else
        {
            _index[(field, reason)] = Reasons.Count;
            Reasons.Add(new ReasonCount(field, reason, 1));
        }
    }
}

/// <summary>How many lines were rejected for one reason.</summary>
internal sealed record ReasonCount(string Field, string Reason, long Count);
