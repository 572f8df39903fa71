using KpiGrpc.Server.Errors;
using KpiGrpc.Server.Options;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Limits;

/// <summary>
/// The memory all ComputeKpis calls together may hold for their distinct calls (<c>Kpi:Limits:ComputeMemoryBytes</c>):
/// each reserves for its expected_calls at start and grows its reservation as calls are counted.
/// </summary>
public sealed class ComputeMemoryBudget(IOptions<LimitsOptions> options)
{
    /// <summary>
    /// What a distinct call costs a computation at most: a 48-byte table entry at 3/8 full (see KpiComputation);
    /// measured 100 and 67 bytes a call at 1 M and 3 M calls (bench/README.md, compute-memory).
    /// </summary>
    public const long BytesPerCall = 128;

    private long _reserved;

    public long Bytes { get; } = options.Value.ComputeMemoryBytes ?? LimitsOptions.DefaultComputeMemoryBytes();

    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>A reservation for one computation, for <paramref name="calls"/> distinct calls; throws when they do not fit.</summary>
    public Reservation Reserve(long calls)
    {
        var reservation = new Reservation(this);
        reservation.GrowTo(calls);
        return reservation;
    }

    private bool TryAdd(long bytes)
    {
        var current = Interlocked.Read(ref _reserved);
        while (current + bytes <= Bytes)
        {
            var seen = Interlocked.CompareExchange(ref _reserved, current + bytes, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>One computation's share, released on dispose.</summary>
    public sealed class Reservation(ComputeMemoryBudget budget) : IDisposable
    {
        private long _bytes;

        /// <summary>Grows the share to <paramref name="calls"/> distinct calls, or throws RESOURCE_EXHAUSTED saying how many fit.</summary>
        public void GrowTo(long calls)
        {
            var wanted = calls * BytesPerCall;
            if (wanted <= _bytes)
            {
                return;
            }

            if (!budget.TryAdd(wanted - _bytes))
            {
                var free = Math.Max(0, budget.Bytes - budget.Reserved);
                throw LimitErrors.ComputeMemoryBudget(calls, (_bytes + free) / BytesPerCall, budget.Bytes);
            }

            _bytes = wanted;
        }

        public void Dispose()
        {
            Interlocked.Add(ref budget._reserved, -_bytes);
            _bytes = 0;
        }
    }
}
