using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process and short by default, so a run takes a minute or two on a shared 2-core machine;
// pass BenchmarkDotNet's own options (--filter, --job) to change that.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scenarioengine-bench-micro"));
BenchmarkSwitcher.FromAssembly(typeof(ScenarioEngine.Bench.Micro.DeliveredMessageBenchmarks).Assembly).Run(args, config);
