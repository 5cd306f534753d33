using System.Globalization;
using System.Runtime;

namespace Names.Host.Cli;

/// <summary>
/// What the runtime did during a benchmark: bytes allocated, collections per generation, time paused, and the GC and JIT
/// settings in force. A paused collection stops every worker, so pauses are lost wall time on a 2-core machine.
/// </summary>
public readonly record struct RuntimeActivity(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static RuntimeActivity Now() => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public RuntimeActivity Since(RuntimeActivity before) => new(AllocatedBytes - before.AllocatedBytes, Gen0 - before.Gen0,
        Gen1 - before.Gen1, Gen2 - before.Gen2, Paused - before.Paused);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{AllocatedBytes / 1048576.0:N0} MB allocated; collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}; paused {Paused.TotalSeconds:F2} s ({Settings()})");

    private static string Settings()
    {
        var gc = GCSettings.IsServerGC ? "server GC" : "workstation GC";
        if (IsSet("System.GC.Concurrent", "DOTNET_gcConcurrent") is bool concurrent) gc += concurrent ? ", background" : ", non-concurrent";
        var pgo = IsSet("System.Runtime.TieredPGO", "DOTNET_TieredPGO") is false ? "dynamic PGO off" : "dynamic PGO on";
        // DOTNET_ values are hexadecimal; only 0 matters here
        var delay = Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") ?? AppContext.GetData("System.Runtime.TieredCompilation.CallCountingDelayMs")?.ToString();
        var threshold = Environment.GetEnvironmentVariable("DOTNET_TC_CallCountThreshold") is { } hex
            ? int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var calls) ? calls.ToString(CultureInfo.InvariantCulture) : hex
            : AppContext.GetData("System.Runtime.TieredCompilation.CallCountThreshold")?.ToString() ?? "30";
        var tierUp = (delay is null ? "tier-up after the default 100 ms call-counting delay" : $"call-counting delay {delay} ms") + $", tier 1 after {threshold} calls";
        return $"{gc}; {pgo}; {tierUp}";
    }

    /// <summary>A runtime switch as the runtime read it: the environment variable wins over the runtimeconfig.json
    /// property (which reaches AppContext as text).</summary>
    private static bool? IsSet(string property, string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable) ?? AppContext.GetData(property)?.ToString();
        return text switch { "1" or "true" or "True" => true, "0" or "false" or "False" => false, _ => null };
    }
}
