using BenchmarkDotNet.Attributes;
using Names.Host.Synthesis;
using Names.Normalization;

namespace Names.Host.Benchmarks;

/// <summary>Normaliser cost per name on a fixed sample of generated names (run with `names bench micro`).</summary>
[MemoryDiagnoser]
public class NormalizerBenchmarks
{
    private NameNormalizer _normalizer = null!;
    private NameInput[] _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _normalizer = NameNormalizer.CreateDefault();
        var generator = new SyntheticNameGenerator(SynthesisData.LoadEmbedded(), 42, 10_000);
        _inputs = generator.Generate(1_000).Select(r => new NameInput(r.Name, r.Country)).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 1_000)]
    public int NormalizeThousandNames()
    {
        var parties = 0;
        foreach (var input in _inputs) parties += _normalizer.Normalize(input).Count;
        return parties;
    }
}
