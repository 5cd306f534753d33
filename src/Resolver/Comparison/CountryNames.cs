using System.Globalization;
using System.Text;

namespace Names.Resolver.Comparison;

/// <summary>
/// Country names in English and in their own languages, from the platform's CLDR data (ICU: <see cref="RegionInfo"/>
/// of every specific culture), upper case without diacritics like name keys (MEXICO, DEUTSCHLAND, UNITED STATES).
/// Finds the countries a name mentions: BANCO SANTANDER MEXICO names Mexico, INDUSTRIAL BANK OF CHAD names Chad.
/// </summary>
public sealed class CountryNames
{
    /// <summary>Country name as key-token sequences, by first token; value = ISO 3166 alpha-2 code.</summary>
    private readonly Dictionary<string, List<(string[] Tokens, string Code)>> _byFirst = new(StringComparer.Ordinal);

    public CountryNames(IEnumerable<(string Name, string Code)> names)
    {
        foreach (var (name, code) in names)
        {
            var tokens = KeyTokens(name);
            if (tokens.Length == 0 || tokens[0].Length < 3 && tokens.Length == 1) continue;
            if (!_byFirst.TryGetValue(tokens[0], out var list)) _byFirst[tokens[0]] = list = [];
            if (!list.Any(e => e.Tokens.AsSpan().SequenceEqual(tokens))) list.Add((tokens, code));
        }
        foreach (var list in _byFirst.Values) list.Sort((x, y) => y.Tokens.Length.CompareTo(x.Tokens.Length));
    }

    private static readonly Lazy<CountryNames> Shared = new(() => new CountryNames(
        CultureInfo.GetCultures(CultureTypes.SpecificCultures).Select(TryRegion).Where(r => r is not null && r.TwoLetterISORegionName.Length == 2)
            .SelectMany(r => new[] { (r!.EnglishName, r.TwoLetterISORegionName), (r.NativeName, r.TwoLetterISORegionName) })));

    /// <summary>The names the platform knows (read once, immutable).</summary>
    public static CountryNames Default => Shared.Value;

    /// <summary>ISO codes of the countries named in these key tokens, sorted, distinct.</summary>
    public string[] Mentioned(IReadOnlyList<string> tokens)
    {
        List<string>? codes = null;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!_byFirst.TryGetValue(tokens[i], out var list)) continue;
            foreach (var (phrase, code) in list)
            {
                if (i + phrase.Length > tokens.Count) continue;
                bool equal = true;
                for (int k = 1; k < phrase.Length && equal; k++) equal = tokens[i + k] == phrase[k];
                if (!equal) continue;
                (codes ??= []).Add(code);
                i += phrase.Length - 1;
                break;
            }
        }
        return codes is null ? [] : codes.Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private static RegionInfo? TryRegion(CultureInfo culture)
    {
        try { return new RegionInfo(culture.Name); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>Upper case, diacritics removed, split on anything but letters (names in other scripts stay as they are).</summary>
    private static string[] KeyTokens(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsLetter(c) ? char.ToUpperInvariant(c) : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
