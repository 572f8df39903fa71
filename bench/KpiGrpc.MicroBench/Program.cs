using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using KpiGrpc.MicroBench;

// The kpi tool's hand-written readers against what the BCL and libraries offer: see bench/README.md.
// Benchmark classes are public and not sealed: BenchmarkDotNet derives its runner from them.
// Every job runs as kpi does: without tiered PGO (KpiGrpc.Cli.csproj).
var asKpiRuns = Job.Default.WithEnvironmentVariable("DOTNET_TieredPGO", "0").AsDefault();
BenchmarkSwitcher.FromAssembly(typeof(SampleCalls).Assembly).Run(args, DefaultConfig.Instance.AddJob(asKpiRuns));
