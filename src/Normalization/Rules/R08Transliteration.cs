using System.Text;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R8: non-Latin scripts keep their original form in the display; romanized_name comes from ICU (system libicu), and
/// key tokens in other scripts are replaced by their romanised, folded form. Consecutive Han/Kana/Hangul tokens are
/// romanised as one (CJK is not split on spaces), so 山田 太郎 and 山田太郎 share keys.
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

        d.Romanized = Collapse(romanizer.Romanize(d.DisplayName));
        var keys = d.KeyTokens;
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
            var romanized = romanizer.Romanize(text);
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
