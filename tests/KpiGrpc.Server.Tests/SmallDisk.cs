using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// A tmpfs of a few MiB mounted on a temporary folder, that a test fills and frees: a real full
/// disk. Mounting needs Linux and root (<see cref="LinuxRootFactAttribute"/>); unmounted on dispose.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static SmallDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("kpigrpc-small-disk-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path) is { } error)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"cannot mount a tmpfs on {path}: {error}");
        }

        return new SmallDisk(path);
    }

    /// <summary>Takes every free byte, until the kernel answers "no space left on device".</summary>
    public void Fill()
    {
        using var file = File.OpenHandle(Filler, FileMode.Create, FileAccess.Write);
        var chunk = new byte[4096];
        try
        {
            for (long offset = 0; ; offset += chunk.Length)
            {
                RandomAccess.Write(file, chunk, offset);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        // A lazy unmount if something still holds a file, so that no test leaves a mount behind.
        if (Run("umount", Path) is not null)
        {
            Run("umount", "-l", Path);
        }

        Directory.Delete(Path, recursive: true);
    }

    /// <summary>Runs a command; null when it succeeded, else what it printed.</summary>
    private static string? Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {error.Trim()}";
    }
}

/// <summary>A test that mounts a <see cref="SmallDisk"/>: skipped unless it runs on Linux as root (as CI does).</summary>
public sealed class LinuxRootFactAttribute : FactAttribute
{
    public LinuxRootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "mounts a small tmpfs: needs Linux and root";
        }
    }
}
