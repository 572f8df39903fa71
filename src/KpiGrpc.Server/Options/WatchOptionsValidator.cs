using KpiGrpc.Server.Paging;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Options;

/// <summary>Checks every watch setting at start-up and reports all that are wrong at once.</summary>
public sealed class WatchOptionsValidator : IValidateOptions<WatchOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchOptions options)
    {
        var section = WatchOptions.SectionName;
        var errors = new List<string>();
        if (!WatchOptions.IsAllowed(options.DefaultCoalesceInterval))
        {
            errors.Add($"{section}:{nameof(WatchOptions.DefaultCoalesceInterval)} ({options.DefaultCoalesceInterval}) must be between "
                + $"{WatchOptions.MinCoalesceInterval} and {WatchOptions.MaxCoalesceInterval}.");
        }

        if (options.MaxWatchesPerConnection < 1)
        {
            errors.Add($"{section}:{nameof(WatchOptions.MaxWatchesPerConnection)} ({options.MaxWatchesPerConnection}) must be at least 1.");
        }

        if (options.MaxWatches < 1)
        {
            errors.Add($"{section}:{nameof(WatchOptions.MaxWatches)} ({options.MaxWatches}) must be at least 1.");
        }

        if (options.MaxMessageBytes is < WatchOptions.MinMessageBytes or > ResponseSize.MaxBytes)
        {
            errors.Add($"{section}:{nameof(WatchOptions.MaxMessageBytes)} ({options.MaxMessageBytes}) must be between "
                + $"{WatchOptions.MinMessageBytes} and {ResponseSize.MaxBytes}.");
        }

        if (options.MaxComputeShare is not (>= 0.01 and <= 1))
        {
            errors.Add($"{section}:{nameof(WatchOptions.MaxComputeShare)} ({options.MaxComputeShare}) must be between 0.01 and 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
