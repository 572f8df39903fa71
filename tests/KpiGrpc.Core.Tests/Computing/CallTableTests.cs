using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Tests.Computing;

public sealed class CallTableTests
{
    [Fact]
    public void GetOrAdd_NewKey_NotExistingAndZeroed()
    {
        // Arrange
        using var table = new CallTable(0);

        // Act
        var entry = table.GetOrAdd(Key(1), out var exists);

        // Assert
        Assert.False(exists);
        Assert.Equal(default, entry);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void GetOrAdd_SameKeyAgain_ExistsWithTheValueWrittenThroughTheReference()
    {
        // Arrange
        using var table = new CallTable(0);
        ref var added = ref table.GetOrAdd(Key(7), out _);
        added = Counted(7);

        // Act
        var again = table.GetOrAdd(Key(7), out var exists);

        // Assert
        Assert.True(exists);
        Assert.Equal(Counted(7), again);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void GetOrAdd_FarPastTheInitialCapacity_KeepsEveryEntry()
    {
        // Arrange: the table starts at 1,024 entries and doubles 8 times on the way.
        const int count = 100_000;
        using var table = new CallTable(0);

        // Act
        for (var i = 0; i < count; i++)
        {
            ref var call = ref table.GetOrAdd(Key(i), out var exists);
            Assert.False(exists);
            call = Counted(i);
        }

        // Assert
        Assert.Equal(count, table.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.True(table.TryGetValue(Key(i), out var call), $"key {i} lost");
            Assert.Equal(Counted(i), call);
        }
    }

    [Fact]
    public void GetOrAdd_KeysSharingTheirLowBits_ProbedApartThroughGrowth()
    {
        // Arrange: keys that differ only above bit 64 all start probing at the same entry.
        const int count = 3_000;
        using var table = new CallTable(0);

        // Act
        for (var i = 0; i < count; i++)
        {
            table.GetOrAdd(new UInt128((ulong)i + 1, 42), out _) = Counted(i);
        }

        // Assert
        Assert.Equal(count, table.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.True(table.TryGetValue(new UInt128((ulong)i + 1, 42), out var call), $"key {i} lost");
            Assert.Equal(Counted(i), call);
        }

        Assert.False(table.TryGetValue(new UInt128(count + 1, 42), out _));
    }

    [Fact]
    public void TryGetValue_MissingKey_FalseAndDefault()
    {
        // Arrange
        using var table = new CallTable(0);
        table.GetOrAdd(Key(1), out _) = Counted(1);

        // Act
        var found = table.TryGetValue(Key(2), out var call);

        // Assert
        Assert.False(found);
        Assert.Equal(default, call);
    }

    [Fact]
    public void GetOrAdd_KeyZero_StoredAndFoundLikeAnyOtherKey()
    {
        // Arrange: zero marks a free entry inside the table, which must not show.
        using var table = new CallTable(0);
        var missingBefore = table.TryGetValue(UInt128.Zero, out _);

        // Act
        table.GetOrAdd(UInt128.Zero, out var existedFirst) = Counted(5);
        var again = table.GetOrAdd(UInt128.Zero, out var existedThen);

        // Assert
        Assert.False(missingBefore);
        Assert.Equal((false, true), (existedFirst, existedThen));
        Assert.Equal(Counted(5), again);
        Assert.True(table.TryGetValue(UInt128.Zero, out var found));
        Assert.Equal(Counted(5), found);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void GetOrAdd_TablePresizedForAMillionCalls_EveryCallFoundAgain()
    {
        // Arrange: 64 MiB of native memory, big enough to be asked for huge pages on Linux.
        using var table = new CallTable(1_000_000);

        // Act
        for (var i = 0; i < 1_000_000; i += 7)
        {
            table.GetOrAdd(Key(i), out _) = Counted(i);
        }

        // Assert
        Assert.Equal(142_858, table.Count);
        Assert.True(table.TryGetValue(Key(999_999), out var last));
        Assert.Equal(Counted(999_999), last);
        Assert.False(table.TryGetValue(Key(999_998), out _));
    }

    [Fact]
    public void GetOrAdd_AfterDispose_ThrowsObjectDisposed()
    {
        // Arrange
        var table = new CallTable(0);
        table.GetOrAdd(Key(1), out _) = Counted(1);

        // Act
        table.Dispose();

        // Assert: the native memory is gone; it must never be read again.
        Assert.Throws<ObjectDisposedException>(() => table.GetOrAdd(Key(1), out _));
        Assert.Throws<ObjectDisposedException>(() => table.TryGetValue(Key(1), out _));
    }

    /// <summary>A distinct, well-spread key per number, as a 128-bit hash would be.</summary>
    private static UInt128 Key(int i) => new((ulong)i * 31, (ulong)i * 0x9E37_79B9_7F4A_7C15UL);

    private static CountedCall Counted(int i) =>
        new(i * 1_000_003L, i, i + 1, i % 1000, i % 5, CallOutcome.Pitched, i % 2 == 0);
}
