using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using KpiGrpc.MicroBench;

// The kpi tool's hand-written readers against what the BCL and libraries offer: see bench/README.md.
// Benchmark classes are public and not sealed: BenchmarkDotNet derives its runner from them.
// Jobs run as kpi does, without tiered PGO (KpiGrpc.Cli.csproj); --pgo runs them with it (the
// .NET default), which changes some of the comparisons.
const string WithPgo = "--pgo";
var job = Job.Default.WithEnvironmentVariable("DOTNET_TieredPGO", args.Contains(WithPgo) ? "1" : "0").AsDefault();
BenchmarkSwitcher.FromAssembly(typeof(SampleCalls).Assembly)
    .Run([.. args.Where(arg => arg != WithPgo)], DefaultConfig.Instance.AddJob(job));
