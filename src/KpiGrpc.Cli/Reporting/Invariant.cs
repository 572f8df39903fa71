using System.Globalization;

namespace KpiGrpc.Cli.Reporting;

/// <summary>Numbers as machines read them: invariant culture, shortest round-trip form.</summary>
internal static class Invariant
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";
}
