using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Options;

/// <summary>Reports every mistake in the limits at once.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);
    private static readonly TimeSpan MaxStopDelay = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new List<string>();
        var at = LimitsOptions.SectionName;
        if (options.MessageReceiveTimeout <= TimeSpan.Zero || options.MessageReceiveTimeout > OneDay)
        {
            errors.Add($"{at}:MessageReceiveTimeout ({options.MessageReceiveTimeout}) must be positive and at most a day.");
        }

        if (options.MaxBufferedRequestBytes < KpiServerExtensions.MaxRequestBodySize)
        {
            errors.Add($"{at}:MaxBufferedRequestBytes ({options.MaxBufferedRequestBytes}) must hold at least one message of the largest size "
                + $"({KpiServerExtensions.MaxRequestBodySize} bytes).");
        }

        if (options.MaxStreamsPerConnection < 1)
        {
            errors.Add($"{at}:MaxStreamsPerConnection ({options.MaxStreamsPerConnection}) must be 1 or more.");
        }

        if (options.KeepAlivePingDelay < OneSecond || options.KeepAlivePingTimeout < OneSecond)
        {
            errors.Add($"{at}:KeepAlivePingDelay ({options.KeepAlivePingDelay}) and KeepAlivePingTimeout ({options.KeepAlivePingTimeout}) must be 1 second or more.");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            errors.Add($"{at}:DrainTimeout ({options.DrainTimeout}) must not be negative.");
        }

        if (options.StopDelay < TimeSpan.Zero || options.StopDelay > MaxStopDelay)
        {
            errors.Add($"{at}:StopDelay ({options.StopDelay}) must not be negative nor over 5 minutes.");
        }

        if (options.PerKey.RequestsPerSecond < 0 || options.PerKey.ConcurrentStreams < 0 || options.PerKey.RecordsPerSecond < 0)
        {
            errors.Add($"{at}:PerKey:RequestsPerSecond ({options.PerKey.RequestsPerSecond}), PerKey:ConcurrentStreams "
                + $"({options.PerKey.ConcurrentStreams}) and PerKey:RecordsPerSecond ({options.PerKey.RecordsPerSecond}) must not be negative (0: no limit).");
        }

        if (options.ComputeMemoryBytes is < 1)
        {
            errors.Add($"{at}:ComputeMemoryBytes ({options.ComputeMemoryBytes}) must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
