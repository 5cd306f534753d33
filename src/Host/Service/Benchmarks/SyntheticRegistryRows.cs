using Names.Host.Synthesis;

namespace Names.Host.Service.Benchmarks;

/// <summary>One name to resolve or look up: the raw field, its country and kind hint.</summary>
public sealed record BenchName(string Name, string Country, string Kind);

/// <summary>
/// Names for a registry of about N entities, built from the entities of `names synth` (same word lists, scripts and
/// variant renderer) rather than from its rows: entity slot r gives one name, and a second spelling for half of the
/// slots. The synth word lists hold ~50k distinct persons and fold most slots into namesakes, so each slot's entity is
/// widened with more words of its country's lists (a second given name and a double family name; a founder's name and
/// a stem for a company): N slots then give most of N distinct entities (a name already written is skipped). (`names synth` rows would need ~8 rows per entity
/// and still hit the namesake ceiling.) Deterministic for the seed.
/// </summary>
public sealed class SyntheticRegistryRows(ulong seed = 1)
{
    private static readonly SynthesisData Data = SynthesisData.LoadEmbedded();
    private readonly SyntheticEntityFactory _entities = new(Data, seed);
    private readonly NameVariantRenderer _renderer = new(Data);

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

    /// <summary>Slot <paramref name="rank"/>'s entity widened with more words of its country's lists.</summary>
    private SyntheticEntity Entity(long rank)
    {
        var e = _entities.Create(rank);
        var rng = SynthRandom.For(seed, 13, (ulong)rank);
        var code = e.Country.Code;
        return e.Kind switch
        {
            // A second given name and a double family name ("Anna Maria Keller Brandt").
            SyntheticKind.Person => e with
            {
                Given = Join(e.Given!, rng.Pick(Data.GivenNames[code]), e.Country),
                Family = Join(e.Family!, rng.Pick(Data.FamilyNames[code]), e.Country),
            },
            // Two more words: a founder's name and a stem ("Novatek Keller Apex Systems GmbH").
            SyntheticKind.Company => e with { Stems = [.. e.Stems, rng.Pick(Data.FamilyNames[code]), rng.Pick(Data.Stems[code])] },
            _ => e,
        };
    }

    private static ScriptedWord Join(ScriptedWord a, ScriptedWord b, SynthCountry country)
    {
        // Han, kana and Hangul names are written without spaces.
        var spaced = country.Script is not ("Han" or "Han+Kana" or "Hangul");
        return new ScriptedWord(a.Native + (spaced ? " " : "") + b.Native, a.Latin + " " + b.Latin);
    }

    private BenchName Render(SyntheticEntity e, ref SynthRandom rng) => new(_renderer.Render(e, ref rng), e.Country.Code, e.KindText);
}
