using System.Text;
using Names.Normalization.Text;

namespace Names.Normalization.Pipeline;

/// <summary>
/// The mutable working record one party goes through in the rule pipeline. Reused per thread to keep allocations
/// low; <see cref="Rules.R23OutputRecord"/> turns it into the immutable <see cref="Party"/>.
/// </summary>
internal sealed class PartyDraft
{
    public NameInput Input = new(null);
    public string Raw = "";
    public string Country = "";
    /// <summary>Display text of the field (R2-R4 applied); token offsets point into it.</summary>
    public string Text = "";
    public readonly List<NameToken> Tokens = new();
    public TokenizeStats Stats;
    public int DisplayStart;
    public int DisplayEnd;
    public string? DisplayOverride;
    public int PartySeq = 1;

    public EntityKind Kind;
    public string Subtype = "";
    public string LegalForm = "";
    public string ElfCode = "";
    public string Titles = "";
    public string Suffix = "";
    public string OrgUnit = "";
    public string RolePrefix = "";
    public string CareOf = "";
    public string TradeName = "";
    public string Incorporation = "";
    public string Representation = "";
    public string Address = "";
    public string City = "";
    public string AddressCountry = "";
    public string Romanized = "";
    public string Problem = "";

    public readonly List<NameToken> Family = new();
    public readonly List<NameToken> Given = new();
    public readonly List<string> KeyTokens = new();
    public readonly List<string> Fired = new(24);

    public string NameKey = "";
    public string CompactKey = "";
    public string AltKey = "";
    public string ConceptKey = "";
    public readonly List<string> Acronyms = new();
    public string Initials = "";
    public string FoldedKey = "";

    public bool IsPerson => Kind == EntityKind.Person;

    public void Reset(NameInput input)
    {
        Input = input;
        Raw = input.Name ?? "";
        Country = NormalizeCountry(input.Country);
        Text = "";
        Tokens.Clear();
        Stats = default;
        DisplayStart = DisplayEnd = 0;
        DisplayOverride = null;
        PartySeq = 1;
        Kind = EntityKind.Unknown;
        Subtype = LegalForm = ElfCode = Titles = Suffix = OrgUnit = RolePrefix = CareOf = TradeName = "";
        Incorporation = Representation = Address = City = AddressCountry = Romanized = Problem = "";
        Family.Clear();
        Given.Clear();
        KeyTokens.Clear();
        Fired.Clear();
        NameKey = CompactKey = AltKey = ConceptKey = Initials = FoldedKey = "";
        Acronyms.Clear();
    }

    /// <summary>Copies the field-level state (raw, fragments, fired rules so far) into a party split off by R15.</summary>
    public void CopyFieldStateFrom(PartyDraft field, string text, int seq)
    {
        Reset(field.Input);
        Text = text;
        PartySeq = seq;
        CareOf = field.CareOf;
        TradeName = field.TradeName;
        Incorporation = field.Incorporation;
        Representation = field.Representation;
        Address = field.Address;
        Problem = field.Problem;
        Fired.AddRange(field.Fired);
    }

    private static string NormalizeCountry(string? c)
    {
        if (string.IsNullOrWhiteSpace(c)) return "";
        var t = c.Trim();
        if (t.Length == 2 && char.IsAsciiLetterUpper(t[0]) && char.IsAsciiLetterUpper(t[1])) return t;
        return t.ToUpperInvariant();
    }

    public void Retokenize(StringBuilder sb)
    {
        NameTokenizer.Tokenize(Text, Tokens, sb, ref Stats);
        SetDisplayFromTokens();
    }

    public void SetDisplayFromTokens()
    {
        if (Tokens.Count == 0) { DisplayStart = 0; DisplayEnd = 0; return; }
        DisplayStart = Tokens[0].Start;
        DisplayEnd = Tokens[^1].End;
        // keep brackets and a final period that belong to the first/last word: "(주)삼성전자", "... (CNRS)"
        while (DisplayStart > 0 && Text[DisplayStart - 1] is '(' or '[') DisplayStart--;
        while (DisplayEnd < Text.Length && Text[DisplayEnd] is ')' or ']' or '.') DisplayEnd++;
    }

    /// <summary>Display text of tokens [from, to) of <paramref name="list"/>, as filed.</summary>
    public string SpanText(List<NameToken> list, int from, int to)
    {
        if (from >= to) return "";
        int start = list[from].Start, end = list[to - 1].End;
        // a bracketed word keeps its brackets: "(publ)", "(주)"
        if (start > 0 && Text[start - 1] == '(' && end < Text.Length && Text[end] == ')') { start--; end++; }
        return TrimSeparators(Text, start, end - start);
    }

    /// <summary>text[start..start+length] without separators at either end; <paramref name="text"/> itself when that
    /// is all of it (the common case: no copy).</summary>
    private static string TrimSeparators(string text, int start, int length)
    {
        var s = text.AsSpan(start, length);
        int a = 0, b = s.Length;
        while (a < b && (char.IsWhiteSpace(s[a]) || s[a] is ',' or ';' or ':')) a++;
        while (b > a && (char.IsWhiteSpace(s[b - 1]) || s[b - 1] is ',' or ';' or ':')) b--;
        if (start + a == 0 && b - a == text.Length) return text;
        return s[a..b].ToString();
    }

    public string DisplayName => DisplayOverride ?? (DisplayEnd > DisplayStart ? TrimSeparators(Text, DisplayStart, DisplayEnd - DisplayStart) : "");

    public ReadOnlySpan<NameToken> TokenSpan => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Tokens);

    public static string Append(string existing, string add) => existing.Length == 0 ? add : add.Length == 0 ? existing : existing + " " + add;
}
