using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Options;

/// <summary>Live watch settings (<c>Kpi:Watch</c> section).</summary>
public sealed class WatchOptions
{
    public const string SectionName = "Kpi:Watch";

    /// <summary>Shortest coalesce interval a watch may ask for.</summary>
    public static readonly TimeSpan MinCoalesceInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest coalesce interval a watch may ask for.</summary>
    public static readonly TimeSpan MaxCoalesceInterval = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long changes are gathered before an update is sent, when the watch does not say.
    /// Default 250 ms: fast enough for a wallboard, slow enough to batch a bulk import.
    /// </summary>
    public TimeSpan DefaultCoalesceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public static bool IsAllowed(TimeSpan interval) => interval >= MinCoalesceInterval && interval <= MaxCoalesceInterval;
}

public sealed class WatchOptionsValidator : IValidateOptions<WatchOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchOptions options) =>
        WatchOptions.IsAllowed(options.DefaultCoalesceInterval)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Kpi:Watch:DefaultCoalesceInterval ({options.DefaultCoalesceInterval}) must be between "
                + $"{WatchOptions.MinCoalesceInterval} and {WatchOptions.MaxCoalesceInterval}.");
}
