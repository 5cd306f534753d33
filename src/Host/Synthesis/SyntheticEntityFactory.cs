using System.Text;

namespace Names.Host.Synthesis;

/// <summary>
/// Builds entity number <c>rank</c> of the generated world from the seed alone, so no entity table is kept in memory
/// and any rank can be rebuilt. The id is a hash of the entity's canonical parts: two ranks that happen to produce
/// the same name are the same true entity (no contradictory truth for namesakes).
/// </summary>
public sealed class SyntheticEntityFactory
{
    private readonly SynthesisData _data;
    private readonly ulong _seed;
    private readonly double[] _cumulativeWeights;

    public SyntheticEntityFactory(SynthesisData data, ulong seed)
    {
        _data = data;
        _seed = seed;
        var total = data.Countries.Sum(c => c.Weight);
        var acc = 0.0;
        _cumulativeWeights = data.Countries.Select(c => (acc += c.Weight) / total).ToArray();
    }

    public SyntheticEntity Create(long rank)
    {
        var rng = SynthRandom.For(_seed, 1, (ulong)rank);
        var u = rng.NextDouble();
        var ci = Array.FindIndex(_cumulativeWeights, w => u < w);
        var country = _data.Countries[ci < 0 ? ^1 : ci];
        var roll = rng.NextDouble();
        var kind = roll < 0.45 ? SyntheticKind.Person : roll < 0.93 ? SyntheticKind.Company : SyntheticKind.Institution;
        var code = country.Code;
        SyntheticEntity entity = kind switch
        {
            SyntheticKind.Person => new SyntheticEntity
            {
                Id = "", Country = country, Kind = kind,
                Given = rng.Pick(_data.GivenNames[code]),
                Family = rng.Pick(_data.FamilyNames[code]),
                MiddleInitial = country.IsLatin && rng.Chance(0.35) ? (char)('A' + rng.Next(26)) : null,
            },
            SyntheticKind.Company => CreateCompany(country, ref rng),
            _ => new SyntheticEntity
            {
                Id = "", Country = country, Kind = kind,
                InstitutionName = Fill(rng.Pick(_data.Institutions[code]), rng.Pick(_data.Cities[code])),
            },
        };
        return entity with { Id = IdOf(entity) };
    }

    private SyntheticEntity CreateCompany(SynthCountry country, ref SynthRandom rng)
    {
        var code = country.Code;
        var stems = new List<ScriptedWord>();
        if (country.IsLatin && rng.Chance(0.15))
        {
            // Named after founders: "Becker & Schmidt", "Moreau Industries".
            stems.Add(rng.Pick(_data.FamilyNames[code]));
            if (rng.Chance(0.4)) { stems.Add(new ScriptedWord("&", "&")); stems.Add(rng.Pick(_data.FamilyNames[code])); }
        }
        else
        {
            var count = rng.Chance(0.3) ? 2 : 1;
            for (var i = 0; i < count; i++)
                stems.Add(rng.Chance(0.5) ? rng.Pick(_data.Stems[code]) : InventStem(country, ref rng));
        }
        var generics = _data.Generics[code];
        var forms = _data.LegalForms[code];
        var form = forms.Count > 0 && rng.Chance(0.92) ? rng.Pick(forms) : null;
        return new SyntheticEntity
        {
            Id = "", Country = country, Kind = SyntheticKind.Company, Stems = stems,
            Generic = generics.Count > 0 && rng.Chance(0.6) ? rng.Pick(generics) : null,
            LegalForm = form,
            FormAtStart = form?.Position == "start" || (form?.Position == "either" && rng.Chance(0.5)),
        };
    }

    /// <summary>A brand-like stem from 2-3 syllables of the country's script ("Novatek", "サカミ" / "Sakami").</summary>
    private ScriptedWord InventStem(SynthCountry country, ref SynthRandom rng)
    {
        var syllables = _data.Syllables[country.Script];
        if (syllables.Count == 0) syllables = _data.Syllables["Latin"];
        var n = rng.Chance(0.6) ? 2 : 3;
        var native = new StringBuilder();
        var latin = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            var s = rng.Pick(syllables);
            native.Append(s.Native);
            latin.Append(s.Latin);
        }
        var latinText = char.ToUpperInvariant(latin[0]) + latin.ToString(1, latin.Length - 1);
        var nativeText = country.IsLatin ? latinText : native.ToString();
        if (!country.IsLatin && char.IsLower(nativeText[0])) nativeText = char.ToUpperInvariant(nativeText[0]) + nativeText[1..];
        return new ScriptedWord(nativeText, latinText);
    }

    private static ScriptedWord Fill(ScriptedWord template, ScriptedWord city) =>
        new(template.Native.Replace("{city}", city.Native), template.Latin.Replace("{city}", city.Latin));

    private static string IdOf(SyntheticEntity e)
    {
        var canonical = $"{e.Country.Code}|{e.Kind}|{e.Given?.Latin}|{e.MiddleInitial}|{e.Family?.Latin}|" +
                        $"{string.Join(' ', e.Stems.Select(s => s.Latin))}|{e.Generic?.Latin}|{e.LegalForm?.Latin[0]}|{e.InstitutionName?.Latin}";
        // FNV-1a 64 over UTF-16 code units, printed as 13 Crockford base32 digits.
        var h = 14695981039346656037UL;
        foreach (var c in canonical) { h ^= c; h *= 1099511628211UL; }
        const string digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> id = stackalloc char[14];
        id[0] = 'E';
        for (var i = 13; i >= 1; i--) { id[i] = digits[(int)(h & 31)]; h >>= 5; }
        return new string(id);
    }
}
