using System.Text;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Rules;

/// <summary>
/// R8: non-Latin scripts keep their original form in the display; romanized_name comes from ICU (system libicu), and
/// key tokens in other scripts are replaced by their romanised, folded form. Consecutive Han/Kana/Hangul tokens are
/// joined (CJK is not split on spaces), so 山田 太郎 and 山田太郎 share keys; in organisation names the run is then split
/// into words (<see cref="ScriptWordSplitter"/>: 华为技术 -> HUAWEI TECHNOLOGY), Thai words likewise. A generic word
/// becomes its concept (大学, УНИВЕРСИТЕТ -> UNIVERSITY). Japanese text (with kana, or Han with country JP) is read in
/// Japanese through kakasi (日立製作所 -> HITACHI MANUFACTURING), not in Mandarin; Korean in hanja (with Hangul, or Han
/// with country KR) in Korean (<see cref="HanjaReadings"/>: 三星電子 -> SAMSEONG ELECTRONICS).
/// </summary>
internal sealed class R08Transliteration : NameRule
{
    public override string Id => "R8";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        bool nonLatin = false;
        foreach (var k in d.KeyTokens)
        {
            if (!IsAscii(k)) { nonLatin = true; break; }
        }
        if (!nonLatin) return false;
        var romanizer = context.Romanizer;
        if (!romanizer.Available)
        {
            if (d.Problem.Length == 0) d.Problem = romanizer.UnavailableReason;
            return false;
        }

        bool japanese = IsJapanese(d);
        var keys = d.KeyTokens;
        bool korean = !japanese && IsKoreanInHanja(d, context.Lexicon.Hanja);
        if (korean)
        {
            for (int k = 0; k < keys.Count; k++) keys[k] = context.Lexicon.Hanja.ToHangul(keys[k], d.IsPerson);
        }
        d.Romanized = Collapse(japanese ? ReadJapanese(d.DisplayName, context)
            : romanizer.Romanize(korean ? context.Lexicon.Hanja.ToHangul(d.DisplayName, d.IsPerson) : d.DisplayName));
        var result = context.KeyScratch;
        result.Clear();
        int i = 0;
        var sb = context.Scratch.Clear();
        while (i < keys.Count)
        {
            if (IsAscii(keys[i])) { result.Add(keys[i]); i++; continue; }
            // join a run of CJK tokens (no spaces in CJK); other scripts go token by token
            var text = keys[i];
            int j = i + 1;
            if (IsCjk(text) && !d.IsPerson)
            {
                while (j < keys.Count && IsCjk(keys[j])) { text += keys[j]; j++; }
            }
            if (!d.IsPerson && AddWords(result, text, japanese, context, sb)) { i = j; continue; }
            if (context.Lexicon.Concepts.TryGet(text, out var concept)) { result.AddRange(concept); i = j; continue; }
            var romanized = japanese && IsCjk(text) ? romanizer.RomanizeJapanese(text) : romanizer.Romanize(text);
            int before = result.Count;
            AddFolded(result, romanized, sb, IsCjk(text));
            if (result.Count == before) result.Add(text); // ICU has no romanisation: keep the letters themselves

            i = j;
        }
        keys.Clear();
        keys.AddRange(result);
        result.Clear();
        return true;
    }

    /// <summary>
    /// An organisation's run of text written without spaces, word by word: generic words as their concept, the others
    /// romanised with their syllables joined. False when <paramref name="text"/> is not such a run.
    /// </summary>
    private static bool AddWords(List<string> into, string text, bool japanese, RuleContext context, StringBuilder sb)
    {
        if (!IsWrittenWithoutSpaces(text)) return false;
        var romanizer = context.Romanizer;
        var kind = japanese ? Romanizer.Derived.JapaneseKeyWords : Romanizer.Derived.ChineseKeyWords;
        if (romanizer.TryGetDerived(kind, text, out var cached))
        {
            foreach (var w in cached.Split(' ')) into.Add(w);
            return true;
        }
        int first = into.Count;
        var words = context.ScriptWords;
        words.Clear();
        ScriptWordSplitter.Split(text, context.Lexicon.Concepts, romanizer.WordBreak, words, context.WordScratch);
        foreach (var w in words)
        {
            if (w.Concept != null) { into.AddRange(w.Concept); continue; }
            var romanized = japanese && IsCjk(w.Text) ? romanizer.RomanizeJapanese(w.Text) : romanizer.Romanize(w.Text);
            int before = into.Count;
            AddFolded(into, romanized, sb, joinSyllables: true);
            if (into.Count == before) into.Add(w.Text);
        }
        words.Clear();
        romanizer.AddDerived(kind, text, string.Join(' ', into.GetRange(first, into.Count - first)));
        return true;
    }

    /// <summary>Japanese: kana anywhere in the name, or Han with the record's country JP.</summary>
    private static bool IsJapanese(PartyDraft d)
    {
        bool han = false;
        foreach (var t in d.KeyTokens)
        {
            if (IsAscii(t)) continue;
            foreach (var c in t)
            {
                if (ScriptClass.IsKanaLetter(c)) return true;
                if (c >= 0x3400 && c <= 0x9FFF) han = true;
            }
        }
        return han && d.Country == "JP";
    }

    /// <summary>Korean written in hanja: ideographs in a name that also holds Hangul, or whose record's country is KR.</summary>
    private static bool IsKoreanInHanja(PartyDraft d, HanjaReadings hanja)
    {
        if (!ReadsAny(d.KeyTokens, hanja)) return false;
        if (d.Country == "KR") return true;
        foreach (var t in d.KeyTokens)
            foreach (var c in t)
                if (ScriptClass.IsHangul(c)) return true;
        return false;
    }

    private static bool ReadsAny(List<string> tokens, HanjaReadings hanja)
    {
        foreach (var t in tokens) if (hanja.Reads(t)) return true;
        return false;
    }

    /// <summary>romanized_name of a Japanese name: its words read in Japanese, separated by spaces.</summary>
    private static string ReadJapanese(string display, RuleContext context)
    {
        if (context.Romanizer.TryGetDerived(Romanizer.Derived.JapaneseReading, display, out var cached)) return cached;
        var sb = new StringBuilder(display.Length * 3);
        var words = context.ScriptWords;
        foreach (var part in display.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsCjk(part))
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(context.Romanizer.Romanize(part) is { Length: > 0 } r ? r : part);
                continue;
            }
            words.Clear();
            ScriptWordSplitter.Split(part, Lexicon.ConceptTable.Empty, context.Romanizer.WordBreak, words, context.WordScratch);
            foreach (var w in words)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(IsCjk(w.Text) ? context.Romanizer.RomanizeJapanese(w.Text).ToLowerInvariant() : w.Text);
            }
        }
        words.Clear();
        var reading = sb.ToString();
        context.Romanizer.AddDerived(Romanizer.Derived.JapaneseReading, display, reading);
        return reading;
    }

    private static bool IsWrittenWithoutSpaces(string s)
    {
        foreach (var c in s) if (ScriptClass.IsWrittenWithoutSpaces(c) || char.IsSurrogate(c)) return true;
        return false;
    }

    private static void AddFolded(List<string> into, string romanized, StringBuilder sb, bool joinSyllables)
    {
        sb.Clear();
        foreach (var c in romanized)
        {
            if (char.IsLetterOrDigit(c) && c < 0x250)
            {
                CharFolding.Append(sb, c);
            }
            else if (!joinSyllables && sb.Length > 0 && c is ' ' or '-')
            {
                into.Add(sb.ToString());
                sb.Clear();
            }
        }
        if (sb.Length > 0) into.Add(sb.ToString());
    }

    private static string Collapse(string s)
    {
        if (!NeedsCollapse(s)) return s;
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>False when <see cref="Collapse"/> would return the text unchanged (single inner spaces only).</summary>
    private static bool NeedsCollapse(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (!char.IsWhiteSpace(c)) continue;
            if (c != ' ' || i == 0 || i == s.Length - 1 || s[i - 1] == ' ') return true;
        }
        return false;
    }

    private static bool IsAscii(string s) => System.Text.Ascii.IsValid(s);

    private static bool IsCjk(string s)
    {
        foreach (var c in s) if (ScriptClass.IsCjk(c) || char.IsSurrogate(c)) return true;
        return false;
    }
}
