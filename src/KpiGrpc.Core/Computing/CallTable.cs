using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// The calls of a computation, keyed by the 128-bit hash of their call_id: an open-addressing
/// table (linear probing, power-of-two size, at most 3/4 full) of 48-byte entries holding the
/// key and its <see cref="CountedCall"/> side by side, in native memory (<see cref="TableMemory"/>).
/// A look-up is one cache miss where <see cref="Dictionary{TKey, TValue}"/> takes two dependent
/// ones (bucket, then entry): with millions of calls, about half the time of a presized
/// Dictionary (bench/README.md, "Measured choices"). No removal: a computation only adds and replaces.
/// </summary>
internal sealed unsafe class CallTable : IDisposable
{
    private const int MinCapacity = 1024;

    private TableMemory _memory;
    private Entry* _entries;
    private int _mask;

    /// <param name="expected">Calls to make room for up front (0: start small and grow).</param>
    public CallTable(int expected)
    {
        var capacity = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, expected + (expected / 3) + 1)), 1u << 30);
        _memory = Allocate(capacity, out _entries);
        _mask = capacity - 1;
    }

    public int Count { get; private set; }

    /// <summary>Entries in the table: a power of two.</summary>
    private int Capacity => _mask + 1;

    /// <summary>
    /// The call stored under <paramref name="key"/>, added (zeroed) if absent:
    /// <paramref name="exists"/> says which. The reference is valid until the next call.
    /// </summary>
    public ref CountedCall GetOrAdd(UInt128 key, out bool exists)
    {
        ObjectDisposedException.ThrowIf(_entries == null, this);
        if (Count >= (Capacity >> 2) * 3)
        {
            Grow();
        }

        key = Occupied(key);
        var i = (int)(uint)key & _mask;
        while (true)
        {
            ref var entry = ref _entries[i];
            if (entry.Key == key)
            {
                exists = true;
                return ref entry.Call;
            }

            if (entry.Key == UInt128.Zero)
            {
                entry.Key = key;
                Count++;
                exists = false;
                return ref entry.Call;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Asks the CPU to start loading the entry of <paramref name="key"/> now, so that
    /// <see cref="GetOrAdd"/> a few calls later finds it in cache: with millions of calls the
    /// table is far bigger than the cache and each look-up otherwise waits on memory.
    /// </summary>
    public void Prefetch(UInt128 key)
    {
        if (Sse.IsSupported && _entries != null)
        {
            Sse.Prefetch0(_entries + ((int)(uint)Occupied(key) & _mask));
        }
    }

    public bool TryGetValue(UInt128 key, out CountedCall call)
    {
        ObjectDisposedException.ThrowIf(_entries == null, this);
        key = Occupied(key);
        var i = (int)(uint)key & _mask;
        while (true)
        {
            ref var entry = ref _entries[i];
            if (entry.Key == key)
            {
                call = entry.Call;
                return true;
            }

            if (entry.Key == UInt128.Zero)
            {
                call = default;
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    public void Dispose()
    {
        _entries = null;
        _memory.Dispose();
    }

    private static TableMemory Allocate(int capacity, out Entry* entries)
    {
        var memory = new TableMemory((nuint)capacity * (nuint)sizeof(Entry));
        entries = (Entry*)memory.Pointer;
        return memory;
    }

    /// <summary>Zero marks a free entry: the one key that hashes to it is moved to 1 (as likely as any other clash, 2^-128).</summary>
    private static UInt128 Occupied(UInt128 key) => key == UInt128.Zero ? UInt128.One : key;

    private void Grow()
    {
        var oldMemory = _memory;
        var old = _entries;
        var oldCapacity = Capacity;
        _memory = Allocate(oldCapacity * 2, out _entries);
        _mask = (oldCapacity * 2) - 1;
        for (var o = 0; o < oldCapacity; o++)
        {
            ref var entry = ref old[o];
            if (entry.Key == UInt128.Zero)
            {
                continue;
            }

            var i = (int)(uint)entry.Key & _mask;
            while (_entries[i].Key != UInt128.Zero)
            {
                i = (i + 1) & _mask;
            }

            _entries[i] = entry;
        }

        oldMemory.Dispose();
    }

    private struct Entry
    {
        public UInt128 Key;
        public CountedCall Call;
    }
}
