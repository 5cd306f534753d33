using System.Globalization;
using System.Text;

namespace Names.Host.Synthesis;

/// <summary>
/// Writes one entity the way one record in real data might: native script or Latin, case, punctuation and spelling
/// of the legal form, abbreviated generic words, person name order, titles, stripped diacritics or German
/// transcriptions, and the occasional typo.
/// </summary>
public sealed class NameVariantRenderer(SynthesisData data)
{
    public string Render(SyntheticEntity e, ref SynthRandom rng)
    {
        var native = !e.Country.IsLatin && rng.Chance(0.65);
        var text = e.Kind switch
        {
            SyntheticKind.Person => native ? NativePerson(e, ref rng) : LatinPerson(e, ref rng),
            SyntheticKind.Company => native ? NativeCompany(e, ref rng) : LatinCompany(e, ref rng),
            _ => Institution(e, native, ref rng),
        };
        if (!native)
        {
            if (rng.Chance(0.15)) text = StripDiacritics(text);
            else if (rng.Chance(0.08)) text = GermanTranscription(text);
        }
        if (rng.Chance(native ? 0.01 : 0.03)) text = Typo(text, ref rng);
        return text;
    }

    private string LatinPerson(SyntheticEntity e, ref SynthRandom rng)
    {
        var given = e.Given!.Latin;
        var family = e.Family!.Latin;
        var middle = e.MiddleInitial is char m && rng.Chance(0.7) ? $" {m}." : "";
        var upperFamily = rng.Chance(0.5);
        var familyText = upperFamily ? family.ToUpperInvariant() : family;
        var roll = rng.NextDouble();
        string name = roll switch
        {
            < 0.40 => $"{given}{middle} {family}",
            < 0.70 => $"{familyText}, {given}{middle}",
            < 0.82 => $"{familyText} {given}{middle}",
            < 0.92 => $"{given[0]}.{middle} {family}",
            _ => $"{familyText}, {given[0]}.{middle}",
        };
        if (rng.Chance(0.35)) name = name.ToUpperInvariant();
        if (e.Country.IsLatin && rng.Chance(0.07)) name = $"{rng.Pick(data.TitlesBefore)} {name}";
        else if (e.Country.Code is "US" or "GB" && rng.Chance(0.03)) name = $"{name}, {rng.Pick(data.TitlesAfter)}";
        return name;
    }

    private static string NativePerson(SyntheticEntity e, ref SynthRandom rng)
    {
        var given = e.Given!.Native;
        var family = e.Family!.Native;
        switch (e.Country.Script)
        {
            case "Han" or "Han+Kana":
                return rng.Chance(0.75) ? family + given : rng.Chance(0.5) ? $"{family}\u3000{given}" : $"{family} {given}";
            case "Hangul":
                return rng.Chance(0.8) ? family + given : $"{family} {given}";
            default:
                var roll = rng.NextDouble();
                var name = roll < 0.5 ? $"{given} {family}" : roll < 0.8 ? $"{family}, {given}" : $"{family} {given}";
                return e.Country.Script is "Cyrillic" or "Greek" && rng.Chance(0.3) ? name.ToUpperInvariant() : name;
        }
    }

    private string LatinCompany(SyntheticEntity e, ref SynthRandom rng)
    {
        var words = new List<string>(e.Stems.Select(s => s.Latin));
        if (e.Generic is { } g) words.Add(rng.Chance(0.25) ? Abbreviate(g.Latin, ref rng) : g.Latin);
        if (words.Contains("&") && rng.Chance(0.3)) words[words.IndexOf("&")] = "and";
        var core = string.Join(' ', words);
        if (e.Country.Code == "US" && rng.Chance(0.03)) core = "The " + core;
        var name = core;
        if (e.LegalForm is { } form && rng.Chance(0.92))
        {
            var spelling = rng.Chance(0.5) ? form.Latin[0] : rng.Pick(form.Latin);
            var atStart = e.FormAtStart ? rng.Chance(0.85) : false;
            name = atStart ? $"{spelling} {core}" : rng.Chance(0.3) ? $"{core}, {spelling}" : $"{core} {spelling}";
        }
        var caseRoll = rng.NextDouble();
        return caseRoll < 0.45 ? name.ToUpperInvariant() : caseRoll < 0.48 ? name.ToLowerInvariant() : name;
    }

    private static string NativeCompany(SyntheticEntity e, ref SynthRandom rng)
    {
        var cjk = e.Country.Script is "Han" or "Han+Kana" or "Hangul";
        var parts = e.Stems.Select(s => s.Native).ToList();
        if (e.Generic is { } g) parts.Add(g.Native);
        var core = string.Join(cjk && e.Country.Script != "Hangul" ? "" : " ", parts);
        if (e.Country.Script == "Hangul" && rng.Chance(0.6)) core = core.Replace(" ", "");
        if (e.Country.Script == "Cyrillic")
        {
            var q = rng.NextDouble();
            core = q < 0.5 ? $"«{core}»" : q < 0.7 ? $"\"{core}\"" : core;
        }
        if (e.Country.Script == "Arabic" && rng.Chance(0.5)) core = "شركة " + core;
        if (e.LegalForm is not { } form || rng.Chance(0.05)) return core;
        var spelling = rng.Chance(0.7) ? form.Native[0] : rng.Pick(form.Native);
        var sep = cjk && rng.Chance(0.7) ? "" : " ";
        var atStart = e.FormAtStart ? rng.Chance(0.85) : false;
        return atStart ? spelling + sep + core : core + sep + spelling;
    }

    private string Institution(SyntheticEntity e, bool native, ref SynthRandom rng)
    {
        var name = native ? e.InstitutionName!.Native : e.InstitutionName!.Latin;
        if (native) return name;
        if (rng.Chance(0.15))
        {
            var words = name.Split(' ');
            for (var i = 0; i < words.Length; i++)
                if (data.Abbreviations.ContainsKey(words[i])) words[i] = Abbreviate(words[i], ref rng);
            name = string.Join(' ', words);
        }
        return rng.Chance(0.4) ? name.ToUpperInvariant() : name;
    }

    private string Abbreviate(string word, ref SynthRandom rng)
    {
        // Abbreviate the last word that has a known short form ("Chemical Company" -> "Chemical Co.").
        var words = word.Split(' ');
        for (var i = words.Length - 1; i >= 0; i--)
        {
            if (!data.Abbreviations.TryGetValue(words[i], out var shorts)) continue;
            var s = rng.Pick(shorts);
            words[i] = char.IsUpper(words[i][^1]) ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            break;
        }
        return string.Join(' ', words);
    }

    private static string StripDiacritics(string text)
    {
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC).Replace("ß", "ss").Replace("Ł", "L").Replace("ł", "l");
    }

    private static string GermanTranscription(string text) => text
        .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("Ä", "Ae").Replace("Ö", "Oe").Replace("Ü", "Ue").Replace("ß", "ss");

    /// <summary>One keyboard slip in a letter after the first: drop, double, swap with the next, or replace.</summary>
    private static string Typo(string text, ref SynthRandom rng)
    {
        if (text.Length < 4) return text;
        var i = 1 + rng.Next(text.Length - 2);
        if (!char.IsLetter(text[i]) || char.IsSurrogate(text[i]) || char.IsSurrogate(text[i + 1])) return text;
        return rng.Next(4) switch
        {
            0 => text.Remove(i, 1),
            1 => text.Insert(i, text[i].ToString()),
            2 => string.Concat(text.AsSpan(0, i), text[i + 1].ToString(), text[i].ToString(), text.AsSpan(i + 2)),
            _ => string.Concat(text.AsSpan(0, i), ((char)((char.IsUpper(text[i]) ? 'A' : 'a') + rng.Next(26))).ToString(), text.AsSpan(i + 1)),
        };
    }
}
