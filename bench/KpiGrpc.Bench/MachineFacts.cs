using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KpiGrpc.Bench;

/// <summary>What the figures were measured on.</summary>
public sealed record MachineFacts(string Cpu, int Cores, string DotnetSdk, string Runtime, string Os, string Load)
{
    public static MachineFacts Collect() => new(
        Cpu: CpuModel(),
        Cores: Environment.ProcessorCount,
        DotnetSdk: Run("dotnet", "--version") ?? "unknown",
        Runtime: RuntimeInformation.FrameworkDescription,
        Os: RuntimeInformation.OSDescription,
        Load: LoadAverage());

    public override string ToString() => $"{Cpu}, {Cores} cores (nproc), .NET SDK {DotnetSdk} ({Runtime}), {Os}; load average at start {Load}";

    // Other work on the machine skews the figures: say how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel()
    {
        var line = Run("lscpu", null)?.Split('\n').FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line["Model name:".Length..].Trim();
    }

    private static string? Run(string file, string? argument)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
            if (argument is not null)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
