using System.Runtime.InteropServices;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// Zeroed native memory for a table of millions of entries, released with the handle. On Linux
/// it is marked for transparent huge pages (madvise MADV_HUGEPAGE, where the kernel's setting is
/// "madvise" or "always"): a random look-up in a table of hundreds of megabytes otherwise misses
/// the TLB every time, and in a virtual machine each miss walks two levels of page tables.
/// </summary>
internal sealed unsafe partial class TableMemory : SafeHandle
{
    private const int MadviseHugePage = 14;
    private const nuint HugePageSize = 2 * 1024 * 1024;

    public TableMemory(nuint bytes)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        // calloc of a large block maps fresh zero pages: nothing is written before first use.
        SetHandle((IntPtr)NativeMemory.AllocZeroed(bytes));
        Bytes = bytes;
        GC.AddMemoryPressure((long)bytes);
        AdviseHugePages();
    }

    public nuint Bytes { get; }

    public void* Pointer => (void*)handle;

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        GC.RemoveMemoryPressure((long)Bytes);
        return true;
    }

    /// <summary>Best effort: without it the table works the same, only slower.</summary>
    private void AdviseHugePages()
    {
        if (!OperatingSystem.IsLinux() || Bytes < HugePageSize * 2)
        {
            return;
        }

        var start = ((nuint)handle + HugePageSize - 1) & ~(HugePageSize - 1);
        var end = ((nuint)handle + Bytes) & ~(HugePageSize - 1);
        try
        {
            _ = Madvise((void*)start, end - start, MadviseHugePage);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: no hint.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
