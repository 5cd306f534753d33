using System.Collections.Frozen;
using Names.Normalization.Lexicon;
using Names.Normalization.Text;

namespace Names.Normalization.LegalForms;

/// <summary>
/// R9: legal-form designations from ISO 20275 (ELF), the patent-usage list and the DNB list, indexed for
/// end / start / middle matching over name tokens. Longest (composite) forms are tried first.
/// </summary>
internal sealed class LegalFormTable
{
    private readonly PhraseSet<LegalFormEntry> _phrases;
    private readonly FrozenDictionary<string, LegalFormEntry> _byKey;
    private readonly WordFilter _keys;
    /// <summary>Forms written in Han/Kana/Hangul, matched as a prefix or suffix of a token (no spaces in CJK).</summary>
    private readonly string[] _cjkForms;

    private LegalFormTable(Dictionary<string, LegalFormEntry> entries)
    {
        _byKey = entries.ToFrozenDictionary(StringComparer.Ordinal);
        _keys = new WordFilter(entries.Keys);
        _phrases = new PhraseSet<LegalFormEntry>(entries.Values.Select(e => new Phrase<LegalFormEntry>(e.Tokens, e)));
        _cjkForms = entries.Values
            .Where(e => e.Curated && e.Tokens.Length == 1 && e.Tokens[0].Length >= 2 && ContainsCjk(e.Tokens[0]))
            .Select(e => e.Tokens[0]).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
        Count = entries.Count;
    }

    public int Count { get; }

    private static bool ContainsCjk(string s)
    {
        foreach (var c in s) if (ScriptClass.IsCjk(c)) return true;
        return false;
    }

    public bool TryGet(string key, out LegalFormEntry entry)
    {
        entry = null!;
        return _keys.MayContain(key) && _byKey.TryGetValue(key, out entry!);
    }

    public static LegalFormTable Load()
    {
        var stop = new HashSet<string>(EmbeddedDataFile.ReadLines("forms/legal-form-stoplist.txt").Select(s => s.Trim()), StringComparer.Ordinal);
        var entries = new Dictionary<string, LegalFormEntry>(StringComparer.Ordinal);

        LegalFormEntry? Get(string text)
        {
            var tokens = Phrase<bool>.TokensOf(text);
            if (tokens.Length == 0 || tokens.Length > 8) return null;
            var key = string.Join(' ', tokens);
            if (!entries.TryGetValue(key, out var e)) entries[key] = e = new LegalFormEntry(tokens);
            return e;
        }

        static int CompactLength(string[] tokens)
        {
            int n = 0;
            foreach (var t in tokens) n += t.Length;
            return n;
        }

        // ISO 20275: columns 0 code, 2 country, 5 local name, 8 transliterated name, 9 local abbreviations, 10 transliterated abbreviations.
        using (var reader = EmbeddedDataFile.Open("forms/elf-code-list-2026-02-19.csv"))
        {
            reader.ReadLine();
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                var f = CsvLine.Split(line);
                if (f.Count < 11 || f[2].Length != 2) continue;
                string code = f[0], country = f[2].ToUpperInvariant();
                bool active = f.Count <= 12 || f[12] != "INAC";
                void Add(string text, bool abbreviation)
                {
                    var e = Get(text);
                    if (e == null) return;
                    int len = CompactLength(e.Tokens);
                    if (len < 2 && !(e.Tokens.Length == 1 && ContainsCjk(e.Tokens[0]) && len >= 2)) return;
                    e.Countries.Add(country);
                    if (active)
                    {
                        if (!e.ElfCodesByCountry.TryGetValue(country, out var set)) e.ElfCodesByCountry[country] = set = new(StringComparer.Ordinal);
                        set.Add(code);
                    }
                    if (len >= 3 && !stop.Contains(e.Key) && (abbreviation || e.Tokens.Length > 1)) e.UsableWithoutCountry = true;
                }
                Add(f[5], false);
                if (f[8] != f[5]) Add(f[8], false);
                foreach (var a in f[9].Split(';')) if (a.Trim().Length > 0) Add(a.Trim(), true);
                foreach (var a in f[10].Split(';')) if (a.Trim().Length > 0) Add(a.Trim(), true);
            }
        }

        // DNB list: abbreviation,full_name without country.
        bool header = true;
        foreach (var line in EmbeddedDataFile.ReadLines("forms/dnb-legal-names.csv"))
        {
            if (header) { header = false; continue; }
            var f = CsvLine.Split(line);
            foreach (var text in f)
            {
                var e = Get(text.Trim());
                if (e == null) continue;
                if (CompactLength(e.Tokens) >= 3 && !stop.Contains(e.Key)) e.UsableWithoutCountry = true;
            }
        }

        // Patent usage (curated): positions and extra ELF links.
        foreach (var f in EmbeddedDataFile.ReadTsv("forms/patent-legal-forms.tsv"))
        {
            var e = Get(f[0]);
            if (e == null) continue;
            var positions = FormPositions.None;
            foreach (var ch in f.Length > 2 ? f[2] : "E")
            {
                positions |= ch switch { 'E' => FormPositions.End, 'S' => FormPositions.Start, 'M' => FormPositions.Middle, _ => FormPositions.None };
            }
            e.Positions = e.Curated && e.Positions != FormPositions.End ? e.Positions | positions : positions;
            e.Curated = true;
            var countries = f.Length > 1 ? f[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();
            foreach (var c in countries) if (c != "*") e.Countries.Add(c);
            if (f.Length > 3 && f[3].Length > 0)
            {
                foreach (var c in countries)
                {
                    if (c == "*") continue;
                    if (!e.ElfCodesByCountry.TryGetValue(c, out var set)) e.ElfCodesByCountry[c] = set = new(StringComparer.Ordinal);
                    set.Add(f[3]);
                }
            }
        }
        return new LegalFormTable(entries);
    }

    /// <summary>Longest applicable form ending exactly at token <paramref name="end"/> (exclusive), not before <paramref name="floor"/>.</summary>
    public LegalFormMatch? MatchEnd(ReadOnlySpan<NameToken> tokens, int floor, int end, string country)
    {
        if (end <= floor) return null;
        LegalFormMatch? best = null;
        if (_phrases.TryGetByLast(tokens[end - 1].Match, out var candidates))
        {
            foreach (var p in candidates)
            {
                int s = end - p.Tokens.Length;
                if (s < floor || (p.Value.Positions & FormPositions.End) == 0 || !p.Value.AppliesTo(country)) continue;
                if (PhraseSet<LegalFormEntry>.Equals(tokens, s, p)) { best = new LegalFormMatch(s, p.Tokens.Length, p.Value); break; }
            }
        }
        // "N V", "B V", "S A": single letters written apart form one abbreviation
        int run = 0;
        while (end - run - 1 >= floor && tokens[end - run - 1].IsSingleLetter && run < 4) run++;
        for (int j = run; j >= 2; j--)
        {
            if (best != null && best.Value.Length >= j) break;
            var key = ConcatMatches(tokens, end - j, end);
            if (TryGet(key, out var e) && e.Tokens.Length == 1 && e.AppliesTo(country) && (e.Positions & FormPositions.End) != 0)
            {
                return new LegalFormMatch(end - j, j, e);
            }
        }
        return best;
    }

    /// <summary>Longest form allowed at the start of a name (KABUSHIKI KAISHA X, OOO X, AB VOLVO).</summary>
    public LegalFormMatch? MatchStart(ReadOnlySpan<NameToken> tokens, int start, int limit, string country)
    {
        if (start < limit && _phrases.TryGetByFirst(tokens[start].Match, out var candidates))
        {
            foreach (var p in candidates)
            {
                if (start + p.Tokens.Length > limit || (p.Value.Positions & FormPositions.Start) == 0 || !p.Value.AppliesTo(country)) continue;
                if (PhraseSet<LegalFormEntry>.Equals(tokens, start, p)) return new LegalFormMatch(start, p.Tokens.Length, p.Value);
            }
        }
        int run = 0;
        while (start + run < limit && tokens[start + run].IsSingleLetter && run < 4) run++;
        for (int j = run; j >= 2; j--)
        {
            var key = ConcatMatches(tokens, start, start + j);
            if (TryGet(key, out var e) && e.Tokens.Length == 1 && e.AppliesTo(country) && (e.Positions & FormPositions.Start) != 0)
            {
                return new LegalFormMatch(start, j, e);
            }
        }
        return null;
    }

    /// <summary>First form of the short middle list strictly inside (start, limit - 1).</summary>
    public LegalFormMatch? MatchMiddle(ReadOnlySpan<NameToken> tokens, int start, int limit, string country)
    {
        for (int i = start + 1; i < limit - 1; i++)
        {
            if (!_phrases.TryGetByFirst(tokens[i].Match, out var candidates)) continue;
            foreach (var p in candidates)
            {
                if (i + p.Tokens.Length > limit - 1 || (p.Value.Positions & FormPositions.Middle) == 0 || !p.Value.AppliesTo(country)) continue;
                if (PhraseSet<LegalFormEntry>.Equals(tokens, i, p)) return new LegalFormMatch(i, p.Tokens.Length, p.Value);
            }
        }
        return null;
    }

    /// <summary>Cheap evidence for R15/R16: does any applicable form end the token range?</summary>
    public bool EndsWithForm(ReadOnlySpan<NameToken> tokens, int floor, int end, string country) =>
        end - floor >= 2 && MatchEnd(tokens, floor + 1, end, country) != null;

    /// <summary>The CJK form (株式会社, 有限公司 ...) that token text begins or ends with, if any.</summary>
    public string? CjkFormAffix(string match, bool atEnd)
    {
        foreach (var f in _cjkForms)
        {
            if (match.Length <= f.Length) continue;
            if (atEnd ? match.EndsWith(f, StringComparison.Ordinal) : match.StartsWith(f, StringComparison.Ordinal)) return f;
        }
        return null;
    }

    private static string ConcatMatches(ReadOnlySpan<NameToken> tokens, int from, int to)
    {
        Span<char> buf = stackalloc char[8];
        int n = 0;
        for (int i = from; i < to && n < buf.Length; i++) buf[n++] = tokens[i].Match[0];
        return new string(buf[..n]);
    }
}
