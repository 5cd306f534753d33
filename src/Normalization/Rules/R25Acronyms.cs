using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R25: acronyms of organisations. An acronym in parentheses ("Universidade dos Açores (UAc)") leaves the key and
/// becomes an alias; a field that is nothing but an acronym ("UAc", "CNRS") is its own alias. The initials of the
/// name's words, skipping function words and legal forms, are kept beside them ("UNIVERSITY OF THE AZORES" -> UA; built
/// with the concept key, R24, when units and address have left) so
/// that the resolver can compare an acronym with an expansion. An alias is never a key: an acronym alone decides nothing.
/// </summary>
internal sealed class R25Acronyms : NameRule
{
    private const int MinLength = 2;
    private const int MaxLength = 10;

    public override string Id => "R25";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        var tokens = d.Tokens;
        bool fired = false;
        if (tokens.Count >= 2)
        {
            for (int i = tokens.Count - 1; i >= 1; i--)
            {
                if (!IsBracketed(d, tokens[i]) || !LooksLikeAcronym(d, tokens[i]) || context.Lexicon.LegalForms.TryGet(tokens[i].Match, out _)) continue;
                d.Acronyms.Add(tokens[i].Match);
                tokens.RemoveAt(i);
                fired = true;
            }
            if (fired) d.SetDisplayFromTokens();
        }
        else if (tokens.Count == 1 && LooksLikeAcronym(d, tokens[0]) && HasCapitalInside(d, tokens[0]))
        {
            d.Acronyms.Add(tokens[0].Match);
            fired = true;
        }
        return fired;
    }

    /// <summary>Initials of the name's core words (called by R24, once units, address and legal forms have left).</summary>
    public static string Initials(PartyDraft d, RuleContext context)
    {
        var lexicon = context.Lexicon;
        if (d.Tokens.Count < 2) return "";
        Span<char> initials = stackalloc char[MaxLength];
        int n = 0;
        foreach (var t in d.Tokens)
        {
            if (n == MaxLength) return "";
            if (t.Match.Length == 0 || !char.IsAsciiLetter(t.Match[0]) || lexicon.StopWords.Contains(t.Match)) continue;
            if (lexicon.LegalForms.TryGet(t.Match, out _) && n > 0) continue;
            initials[n++] = t.Match[0];
        }
        return n >= MinLength ? new string(initials[..n]) : "";
    }

    private static bool IsBracketed(PartyDraft d, in NameToken t) =>
        t.Start > 0 && d.Text[t.Start - 1] is '(' or '[' && t.End < d.Text.Length && d.Text[t.End] is ')' or ']';

    /// <summary>2-10 Latin letters (digits and &amp; allowed inside), written mostly in capitals: CNRS, UAc, R&amp;D.</summary>
    private static bool LooksLikeAcronym(PartyDraft d, in NameToken t)
    {
        var m = t.Match;
        if (m.Length < MinLength || m.Length > MaxLength || !char.IsAsciiLetter(m[0])) return false;
        int upper = 0, letters = 0;
        for (int i = t.Start; i < t.End; i++)
        {
            char c = d.Text[i];
            if (char.IsAsciiLetter(c)) { letters++; if (char.IsAsciiLetterUpper(c)) upper++; }
            else if (!char.IsAsciiDigit(c) && c is not ('&' or '.' or '-')) return false;
        }
        return letters >= MinLength && upper * 2 > letters;
    }

    /// <summary>A lone word is an acronym when short (up to 5 letters: CNRS, KAIST, UAc) with a capital after its first
    /// letter; a longer word in capitals (SIEMENS) is a name.</summary>
    private static bool HasCapitalInside(PartyDraft d, in NameToken t) => t.Match.Length <= 5 && char.IsAsciiLetterUpper(d.Text[t.Start + 1 < t.End ? t.Start + 1 : t.Start]);
}
