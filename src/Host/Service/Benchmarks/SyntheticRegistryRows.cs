using Names.Host.Synthesis;

namespace Names.Host.Service.Benchmarks;

/// <summary>One name to resolve or look up: the raw field, its country and kind hint.</summary>
public sealed record BenchName(string Name, string Country, string Kind);

/// <summary>
/// Names for a registry of about N entities, built from the entities of `names synth` (same word lists, scripts and
/// variant renderer) rather than from its rows: entity slot r gives one name, and a second spelling for half of the
/// slots. The synth word lists hold ~50k distinct persons and fold most slots into namesakes, so each slot's entity is
/// widened with the parts of a second one (a second given name, for some a double family name; a second company
/// stem): N slots then resolve into roughly N registry entities. (`names synth` rows would need ~8 rows per entity
/// and still hit the namesake ceiling.) Deterministic for the seed.
/// </summary>
public sealed class SyntheticRegistryRows(ulong seed = 1)
{
    private readonly SyntheticEntityFactory _entities = new(SynthesisData.LoadEmbedded(), seed);
    private readonly NameVariantRenderer _renderer = new(SynthesisData.LoadEmbedded());

    /// <summary>The spellings slot <paramref name="rank"/> contributes to the registry: one, or two for half of the slots.</summary>
    public IReadOnlyList<BenchName> Spellings(long rank)
    {
        var e = Entity(rank);
        var rng = SynthRandom.For(seed, 11, (ulong)rank);
        var first = Render(e, ref rng);
        return rng.Chance(0.5) ? [first, Render(e, ref rng)] : [first];
    }

    /// <summary>A fresh spelling of slot <paramref name="rank"/> (a known entity when rank is below the registry's size): index picks the spelling.</summary>
    public BenchName Probe(long rank, long index)
    {
        var rng = SynthRandom.For(seed, 12, (ulong)index);
        return Render(Entity(rank), ref rng);
    }

    /// <summary>Slot <paramref name="rank"/>'s entity widened with parts of another slot's entity of the same country.</summary>
    private SyntheticEntity Entity(long rank)
    {
        var e = _entities.Create(rank);
        var rng = SynthRandom.For(seed, 13, (ulong)rank);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var other = _entities.Create(1_000_000_007L + rank * 8 + attempt);
            if (other.Country.Code != e.Country.Code || other.Kind != e.Kind) continue;
            return e.Kind switch
            {
                SyntheticKind.Person => e with
                {
                    Given = Join(e.Given!, other.Given!, e.Country),
                    Family = rng.Chance(0.3) && e.Family!.Latin != other.Family!.Latin ? Join(e.Family, other.Family, e.Country) : e.Family,
                },
                SyntheticKind.Company => e with { Stems = [.. e.Stems, other.Stems[^1]] },
                _ => e,
            };
        }
        return e;
    }

    private static ScriptedWord Join(ScriptedWord a, ScriptedWord b, SynthCountry country)
    {
        // Han, kana and Hangul names are written without spaces.
        var spaced = country.Script is not ("Han" or "Han+Kana" or "Hangul");
        return new ScriptedWord(a.Native + (spaced ? " " : "") + b.Native, a.Latin + " " + b.Latin);
    }

    private BenchName Render(SyntheticEntity e, ref SynthRandom rng) => new(_renderer.Render(e, ref rng), e.Country.Code, e.KindText);
}
