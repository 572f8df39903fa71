using KpiGrpc.Server.Errors;
using KpiGrpc.Server.Options;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// Counts open watches per HTTP/2 connection and on the whole server, and refuses one past
/// either cap with RESOURCE_EXHAUSTED naming the cap and its option. Not thread-safe: the hub
/// calls it under its lock.
/// </summary>
internal sealed class WatchLimits(WatchOptions options)
{
    private readonly Dictionary<string, int> _perConnection = new(StringComparer.Ordinal);
    private int _total;

    public void Admit(string? connectionId)
    {
        if (_total >= options.MaxWatches)
        {
            throw LimitErrors.TooManyWatches("TOO_MANY_WATCHES_ON_SERVER", options.MaxWatches, OptionName(nameof(WatchOptions.MaxWatches)),
                $"The server already has {options.MaxWatches:N0} open watches, the most {OptionName(nameof(WatchOptions.MaxWatches))} "
                + "allows: end a watch first, or retry later.");
        }

        if (connectionId is not null)
        {
            var open = _perConnection.GetValueOrDefault(connectionId);
            if (open >= options.MaxWatchesPerConnection)
            {
                throw LimitErrors.TooManyWatches("TOO_MANY_WATCHES_ON_CONNECTION", options.MaxWatchesPerConnection,
                    OptionName(nameof(WatchOptions.MaxWatchesPerConnection)),
                    $"This connection already has {options.MaxWatchesPerConnection:N0} open watches, the most "
                    + $"{OptionName(nameof(WatchOptions.MaxWatchesPerConnection))} allows: end a watch first, or open this one on another connection.");
            }

            _perConnection[connectionId] = open + 1;
        }

        _total++;
    }

    public void Release(string? connectionId)
    {
        _total--;
        if (connectionId is not null && --_perConnection[connectionId] == 0)
        {
            _perConnection.Remove(connectionId);
        }
    }

    private static string OptionName(string property) => $"{WatchOptions.SectionName}:{property}";
}
