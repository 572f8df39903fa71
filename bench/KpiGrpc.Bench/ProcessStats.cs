using System.Diagnostics;

namespace KpiGrpc.Bench;

/// <summary>A process's memory (Linux /proc; 0 elsewhere) and CPU time.</summary>
public static class ProcessStats
{
    /// <summary>Resident set size now (VmRSS).</summary>
    public static long ResidentBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    /// <summary>Highest resident set size since the process started (VmHWM).</summary>
    public static long PeakResidentBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    public static TimeSpan CpuTime(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    public static string Mebibytes(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

    private static long StatusKilobytes(int pid, string field)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0]);
    }
}
