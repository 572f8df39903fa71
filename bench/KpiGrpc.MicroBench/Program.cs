using BenchmarkDotNet.Running;
using KpiGrpc.MicroBench;

// The kpi tool's hand-written readers against what the BCL and libraries offer: see bench/README.md.
// Benchmark classes are public and not sealed: BenchmarkDotNet derives its runner from them.
// Each benchmark spells its loop out (a delegate call would cost as much as a parse), and each
// class checks in its setup that every alternative reads the same values.
// Jobs run as kpi does, without tiered PGO (KpiGrpc.Cli.csproj); --pgo runs them with it (the
// .NET default), which changes some of the comparisons. Any BenchmarkDotNet option applies (--job short).
const string WithPgo = "--pgo";
var pgo = args.Contains(WithPgo) ? "1" : "0";
BenchmarkSwitcher.FromAssembly(typeof(SampleCalls).Assembly)
    .Run([.. args.Where(arg => arg != WithPgo), "--envVars", $"DOTNET_TieredPGO:{pgo}"]);
