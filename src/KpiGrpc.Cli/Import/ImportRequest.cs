using KpiGrpc.Cli.Formats;

namespace KpiGrpc.Cli.Import;

/// <summary>What `kpi import` was asked to do, as parsed from its command line.</summary>
/// <param name="CheckpointPath">One checkpoint for every input; null: `&lt;input&gt;.kpi-checkpoint` next to each.</param>
/// <param name="RejectsPath">The CSV file every rejected line goes to; null: none.</param>
internal sealed record ImportRequest(
    string Server,
    string? Calls,
    string? Results,
    string? Sessions,
    InputOptions Input,
    int BatchSize,
    bool Resume,
    string? CheckpointPath,
    string? RejectsPath,
    RetrySettings Retry,
    string? ApiKey = null)
{
    /// <summary>The default checkpoint of an input file.</summary>
    public string CheckpointFor(string input) => CheckpointPath ?? input + ".kpi-checkpoint";
}
