using Names.Host.Synthesis;

namespace Names.Host.Service.Benchmarks;

/// <summary>One name to resolve or look up: the raw field, its country and kind hint.</summary>
public sealed record BenchName(string Name, string Country, string Kind);

/// <summary>
/// Names for a registry of about N entities, built from the entities of `names synth` (same word lists and variant
/// renderer) rather than from its rows: entity slot r gives one name, and a second spelling for half of the slots, so
/// N slots resolve into roughly N registry entities (namesakes fold). `names synth` rows would need ~8 rows per
/// entity (its power-law repeats), i.e. ~8M rows for 1M entities. Deterministic for the seed.
/// </summary>
public sealed class SyntheticRegistryRows(ulong seed = 1)
{
    private readonly SyntheticEntityFactory _entities = new(SynthesisData.LoadEmbedded(), seed);
    private readonly NameVariantRenderer _renderer = new(SynthesisData.LoadEmbedded());

    /// <summary>The names the registry is built from: slots 0 .. entities-1, one or two spellings each.</summary>
    public IEnumerable<BenchName> Build(long entities)
    {
        for (long rank = 0; rank < entities; rank++)
        {
            var e = _entities.Create(rank);
            var rng = SynthRandom.For(seed, 11, (ulong)rank);
            yield return Render(e, ref rng);
            if (rng.Chance(0.5)) yield return Render(e, ref rng);
        }
    }

    /// <summary>A fresh spelling of slot <paramref name="rank"/> (a known entity when rank is below the registry's size): index picks the spelling.</summary>
    public BenchName Probe(long rank, long index)
    {
        var rng = SynthRandom.For(seed, 12, (ulong)index);
        return Render(_entities.Create(rank), ref rng);
    }

    private BenchName Render(SyntheticEntity e, ref SynthRandom rng) => new(_renderer.Render(e, ref rng), e.Country.Code, e.KindText);
}
