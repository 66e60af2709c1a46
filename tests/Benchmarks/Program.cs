using BenchmarkDotNet.Running;
using CleanAssistant.Benchmarks;

if (args is ["--emit-rules", var path])
{
    RecurrenceWorkload.WriteJson(path);
    Console.WriteLine($"Wrote {RecurrenceWorkload.Create().Count} series to {path}; ours expands them to {RecurrenceWorkload.ExpandAll()} occurrences.");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RecurrenceWorkload).Assembly).Run(args);
