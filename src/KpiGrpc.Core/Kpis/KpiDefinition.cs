namespace KpiGrpc.Core.Kpis;

/// <summary>
/// One KPI, defined once: what the formulas, the default benchmarks, the server's mapping to
/// kpi.v1.Kpis and the CLI's columns read. Listed in <see cref="KpiCatalogue"/>.
/// </summary>
/// <param name="Name">The KPI in code.</param>
/// <param name="Field">snake_case: the kpi.v1.Kpis field, the report column and the configuration key.</param>
/// <param name="Header">The short column header of the CLI's table.</param>
/// <param name="Unit">How the value reads to a person.</param>
/// <param name="Description">One line for people: what the KPI tells.</param>
/// <param name="Formula">How it is computed, and which count is its sample.</param>
/// <param name="Benchmark">The default benchmark, or null when none is given (status NoBenchmark).</param>
public sealed record KpiDefinition(
    KpiName Name,
    string Field,
    string Header,
    KpiUnit Unit,
    string Description,
    KpiFormula Formula,
    KpiBenchmark? Benchmark);

/// <summary>How a KPI value reads to a person.</summary>
public enum KpiUnit
{
    Percent,
    Seconds,
    CallsPerHour,
}
