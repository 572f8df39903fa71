using KpiGrpc.Server.Options;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Transport;

/// <summary>
/// Bytes of request messages the server holds undecoded, summed over every call, against
/// <see cref="LimitsOptions.MaxBufferedRequestBytes"/>. gRPC decodes a message only once all of
/// it has arrived, and HTTP/2 flow control lets every byte in as soon as the server looks at
/// it, so without this a few clients that stop short of a message's end hold any amount.
/// </summary>
public sealed class RequestBufferBudget(IOptions<LimitsOptions> options)
{
    private long _held;

    public long Limit { get; } = options.Value.MaxBufferedRequestBytes;

    /// <summary>Bytes held now, over every call.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>
    /// Counts <paramref name="delta"/> more bytes (fewer when negative). False when growth
    /// would pass the limit: nothing is then counted, and the caller must let go of its bytes.
    /// </summary>
    public bool TryChange(long delta)
    {
        if (delta <= 0)
        {
            Interlocked.Add(ref _held, delta);
            return true;
        }

        if (Interlocked.Add(ref _held, delta) <= Limit)
        {
            return true;
        }

        Interlocked.Add(ref _held, -delta);
        return false;
    }
}
