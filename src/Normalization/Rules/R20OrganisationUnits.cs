using Names.Normalization.Lexicon;
using Names.Normalization.Pipeline;
using Names.Normalization.Text;

namespace Names.Normalization.Rules;

/// <summary>
/// R20: internal units and the address of an organisation. An affiliation field "unit, parent, city, region/postcode,
/// country" (footnote numbers between its parts) is parsed: the places at its end (<see cref="Gazetteer"/>) go to
/// address, city and address_country; of the parts left, the one naming the highest organisation (a university, then
/// an institute, hospital, academy, company ...; the later one on a tie, as fields go from the unit to the parent) is the
/// organisation that is keyed, and the others go to org_unit, as do the units written inside it ("University of
/// Michigan Medical School" -> UNIVERSITY OF MICHIGAN + unit Medical School; "University of Michigan–Ann Arbor" ->
/// UNIVERSITY OF MICHIGAN + address Ann Arbor). A field that is nothing but an address, units ("Department of Physics,
/// Faculty of Science") or footnote numbers gets kind unknown and a problem; a single unit-like part is a name (many
/// laboratories, schools and offices are organisations). Otherwise, as before: trailing unit words ("... RESEARCH DEPT", "... MUNICH
/// BRANCH") go to org_unit. With <see cref="NameInput.KeepUnits"/> only the address and footnotes go. Separately incorporated subsidiaries keep their own keys (ACME FRANCE SAS is not ACME INC).
/// </summary>
internal sealed class R20OrganisationUnits : NameRule
{
    private const int University = 3, Organisation = 2, Plain = 1, Unit = 0;

    public override string Id => "R20";

    public override bool Apply(PartyDraft d, RuleContext context)
    {
        if (d.Subtype == "government" || d.Tokens.Count == 0) return false;
        if (OnlyFootnotes(d)) return Unusable(d, "only footnote numbers, no organisation name");
        bool fired = RemoveFootnotes(d, out var breaks);
        if (d.Input.KeepUnits)
        {
            fired |= MoveAddressTail(d, context);
            return d.Tokens.Count == 0 ? Unusable(d, "only an address, no organisation name") : fired;
        }
        if (breaks == null && d.Tokens[0].Segment == d.Tokens[^1].Segment)
        {
            // one part (most names): only units written inside a university's name
            int start = 0, end = d.Tokens.Count;
            if (d.Tokens.Count >= 4 && HasUniversity(d, context))
            {
                var inside = new List<string>(1);
                if (SplitInside(d, ref start, ref end, inside, context)) return Keep(d, start, end, inside) | fired;
            }
            return LegacyUnits(d, context) | fired;
        }
        fired |= MoveAddressTail(d, context);
        if (d.Tokens.Count == 0) return Unusable(d, "only an address, no organisation name");
        if (ChooseParent(d, breaks, context, out bool onlyUnits)) return true;
        if (onlyUnits) return Unusable(d, "only an organisation unit, no parent organisation named");
        return LegacyUnits(d, context) | fired;
    }

    private static bool Unusable(PartyDraft d, string why)
    {
        d.Kind = EntityKind.Unknown;
        if (d.Problem.Length == 0) d.Problem = why;
        return true;
    }

    private static bool IsFootnote(in NameToken t) =>
        t.Match.Length is 1 or 2 && char.IsAsciiDigit(t.Match[0]) && (t.Match.Length == 1 || char.IsAsciiDigit(t.Match[1]));

    private static bool OnlyFootnotes(PartyDraft d)
    {
        foreach (var t in d.Tokens) if (!IsFootnote(t)) return false;
        return true;
    }

    /// <summary>"Medical School 1 Department of ...": a one- or two-digit number between words marks a new part
    /// (<paramref name="breaks"/>: token indexes where a part starts; null when there is none).</summary>
    private static bool RemoveFootnotes(PartyDraft d, out List<int>? breaks)
    {
        breaks = null;
        var tokens = d.Tokens;
        bool fired = false;
        for (int i = tokens.Count - 1; i >= 0; i--)
        {
            if (tokens.Count < 3 || !tokens[i].Has(TokenFlags.HasDigit) || !IsFootnote(tokens[i])) continue;
            bool between = i > 0 && i < tokens.Count - 1;
            if (!between && i != 0) continue;
            tokens.RemoveAt(i);
            if (breaks != null) for (int k = 0; k < breaks.Count; k++) breaks[k]--;
            if (between) (breaks ??= new List<int>()).Add(i);
            fired = true;
        }
        return fired;
    }

    /// <summary>Comma parts at the end made only of places and post codes: "..., Ann Arbor, MI 48109, USA".</summary>
    private static bool MoveAddressTail(PartyDraft d, RuleContext context)
    {
        var tokens = d.Tokens;
        int end = tokens.Count;
        string city = "", country = "";
        while (end > 0)
        {
            int start = end - 1;
            while (start > 0 && tokens[start - 1].Segment == tokens[end - 1].Segment) start--;
            if (start == 0 && end == tokens.Count) break; // a one-part field is a name, never an address alone
            if (!IsPlaces(d, start, end, context, ref city, ref country)) break;
            end = start;
        }
        if (end == tokens.Count) return false;
        var address = d.SpanText(tokens, end, tokens.Count);
        d.Address = PartyDraft.Append(d.Address, address);
        if (d.City.Length == 0) d.City = city;
        if (d.AddressCountry.Length == 0) d.AddressCountry = country;
        tokens.RemoveRange(end, tokens.Count - end);
        d.SetDisplayFromTokens();
        return true;
    }

    private static bool IsPlaces(PartyDraft d, int start, int end, RuleContext context, ref string city, ref string country)
    {
        var span = d.TokenSpan;
        bool place = false;
        string cityHere = "", countryHere = "";
        for (int i = start; i < end;)
        {
            var p = context.Lexicon.Places.MatchAt(span, i, end);
            if (p != null)
            {
                place = true;
                if (p.Value.City && cityHere.Length == 0) cityHere = d.SpanText(d.Tokens, i, i + p.Tokens.Length);
                if ((p.Value.Country || (p.Value.Region && !p.Value.City)) && p.Value.OneCountry.Length > 0) countryHere = p.Value.OneCountry;
                i += p.Tokens.Length;
            }
            else if (span[i].Has(TokenFlags.HasDigit)) i++; // post code
            else return false;
        }
        if (!place) return false;
        if (cityHere.Length > 0) city = cityHere; // parts are read from the end: the first city of the field wins
        if (countryHere.Length > 0 && country.Length == 0) country = countryHere;
        return true;
    }

    /// <summary>Splits the field into its parts (comma segments and footnote breaks), keys the parent organisation and
    /// moves the other parts to org_unit. False (nothing changed) when no part names an organisation.</summary>
    private static bool ChooseParent(PartyDraft d, List<int>? breaks, RuleContext context, out bool onlyUnits)
    {
        onlyUnits = false;
        var tokens = d.Tokens;
        var parts = new List<(int Start, int End)>();
        for (int s = 0; s < tokens.Count;)
        {
            int e = s + 1;
            while (e < tokens.Count && tokens[e].Segment == tokens[s].Segment && (breaks == null || !breaks.Contains(e))) e++;
            parts.Add((s, e));
            s = e;
        }
        int best = -1, bestScore = -1;
        for (int k = 0; k < parts.Count; k++)
        {
            int score = Score(d, parts[k].Start, parts[k].End, context);
            if (score >= bestScore) { best = k; bestScore = score; }
        }
        if (bestScore == Unit && parts.Count >= 1 && d.Kind != EntityKind.Person && AllUnits(d, parts, context))
        {
            // one part alone is a name: "Laboratoire de psychologie", "Department of Mines and Petroleum" are organisations
            onlyUnits = parts.Count > 1;
            return false;
        }
        if (bestScore < Organisation) return false;
        var (start, end) = parts[best];
        var units = new List<string>();
        for (int k = 0; k < parts.Count; k++)
            if (k != best) units.Add(d.SpanText(tokens, parts[k].Start, parts[k].End));
        SplitInside(d, ref start, ref end, units, context);
        if (units.Count == 0 && start == 0 && end == tokens.Count) return false;
        return Keep(d, start, end, units);
    }

    /// <summary>Keys tokens [start, end) and moves <paramref name="units"/> to org_unit.</summary>
    private static bool Keep(PartyDraft d, int start, int end, List<string> units)
    {
        if (units.Count > 0) d.OrgUnit = PartyDraft.Append(d.OrgUnit, string.Join("; ", units));
        d.Tokens.RemoveRange(end, d.Tokens.Count - end);
        d.Tokens.RemoveRange(0, start);
        d.SetDisplayFromTokens();
        return true;
    }

    /// <summary>Every part is plainly a unit: a department, division or faculty, a school or college "of" something
    /// (a laboratory or research centre may be an organisation of its own).</summary>
    private static bool AllUnits(PartyDraft d, List<(int Start, int End)> parts, RuleContext context)
    {
        foreach (var (s, e) in parts) if (!IsPlainUnit(d, s, e, context)) return false;
        return true;
    }

    private static bool IsPlainUnit(PartyDraft d, int start, int end, RuleContext context)
    {
        var first = d.Tokens[start].Match;
        bool of = end - start >= 2 && d.Tokens[start + 1].Match == "OF";
        return first is "DEPARTMENT" or "DEPT" or "DEPARTEMENT" or "DEPARTAMENTO" or "DIVISION" or "ABTEILUNG"
               || (context.Lexicon.Concepts.TryGet(first, out var c) && (c[0] == "FACULTY" || (c[0] is "SCHOOL" or "COLLEGE" && of)));
    }

    private static int Score(PartyDraft d, int start, int end, RuleContext context)
    {
        int score = Plain;
        for (int i = start; i < end; i++) score = Math.Max(score, Head(d.Tokens[i].Match, context));
        if (score < University && (IsPlainUnit(d, start, end, context) || (score < Organisation && StartsWithUnit(d, start, end, context)))) return Unit;
        if (score < Organisation && context.Lexicon.LegalForms.MatchEnd(d.TokenSpan, start, end, d.Country) != null) score = Organisation;
        return score;
    }

    private static bool HasUniversity(PartyDraft d, RuleContext context)
    {
        foreach (var t in d.Tokens) if (Head(t.Match, context) == University) return true;
        return false;
    }

    private static int Head(string word, RuleContext context)
    {
        if (!context.Lexicon.Concepts.TryGet(word, out var concept)) return Plain;
        return concept[0] switch
        {
            "UNIVERSITY" or "POLYTECHNIC" => University,
            "INSTITUTE" or "HOSPITAL" or "ACADEMY" or "FOUNDATION" or "BANK" or "AGENCY" or "MINISTRY" or "COUNCIL" or "ASSOCIATION"
                or "SOCIETY" or "OBSERVATORY" or "MUSEUM" or "LIBRARY" or "CENTER" or "COMPANY" or "COLLEGE" => Organisation,
            _ => Plain,
        };
    }

    private static bool IsUnitWord(string word, RuleContext context) =>
        context.Lexicon.DepartmentWords.ContainsWord(word)
        || (context.Lexicon.Concepts.TryGet(word, out var c) && c[0] is "SCHOOL" or "FACULTY" or "LABORATORIES");

    private static bool StartsWithUnit(PartyDraft d, int start, int end, RuleContext context) =>
        IsUnitWord(d.Tokens[start].Match, context) || context.Lexicon.DepartmentWords.MatchAt(d.TokenSpan, start, end) != null;

    /// <summary>Units written inside the parent's part, before ("School of Medicine University of X") or after
    /// ("University of X Medical School") the university, and a campus after a dash ("University of X–Ann Arbor").
    /// True when something left the part.</summary>
    private static bool SplitInside(PartyDraft d, ref int start, ref int end, List<string> units, RuleContext context)
    {
        var tokens = d.Tokens;
        int head = -1, was = end - start, unitsBefore = units.Count;
        for (int i = start; i < end && head < 0; i++) if (Head(tokens[i].Match, context) == University) head = i;
        if (head < 0) return false;
        // a campus or city after a dash
        for (int k = end - 1; k > head + 1; k--)
        {
            if (!tokens[k].Has(TokenFlags.HyphenBefore)) continue;
            var p = context.Lexicon.Places.MatchAt(d.TokenSpan, k, end);
            if (p != null && k + p.Tokens.Length == end)
            {
                d.Address = PartyDraft.Append(d.SpanText(tokens, k, end), d.Address);
                if (p.Value.City && d.City.Length == 0) d.City = d.SpanText(tokens, k, end);
                end = k;
            }
            break;
        }
        // a unit before the university
        for (int u = head - 1; u >= start; u--)
        {
            if (!IsUnitWord(tokens[u].Match, context)) continue;
            int unitEnd = u + 1 < head && tokens[u + 1].Match is "OF" or "FOR" or "IN" ? Math.Min(u + 3, head) : u + 1;
            if (unitEnd < head && !context.Lexicon.StopWords.Contains(tokens[unitEnd].Match)) unitEnd = head; // keep the unit's own words
            units.Insert(0, d.SpanText(tokens, start, unitEnd));
            start = unitEnd;
            break;
        }
        // a unit after "UNIVERSITY OF X" or "X UNIVERSITY"
        int keep = head > start ? head : head + 1; // the last token that must stay: the university word, or its OF X
        for (int u = keep + 1; u < end; u++)
        {
            if (!IsUnitWord(tokens[u].Match, context)) continue;
            int unitStart = u;
            while (unitStart - 1 > keep && context.Lexicon.Concepts.TryGet(tokens[unitStart - 1].Match, out _)) unitStart--;
            if (unitStart <= keep) break;
            units.Insert(0, d.SpanText(tokens, unitStart, end));
            end = unitStart;
            break;
        }
        return end - start != was || units.Count != unitsBefore;
    }

    /// <summary>A comma part that names a unit, when another part remains; or a trailing unit word with the word before it.</summary>
    private static bool LegacyUnits(PartyDraft d, RuleContext context)
    {
        var units = context.Lexicon.DepartmentWords;
        var tokens = d.Tokens;
        if (tokens.Count < 2) return false;
        if (tokens[0].Segment != tokens[^1].Segment)
        {
            int segStart = 0;
            while (segStart < tokens.Count)
            {
                int segEnd = segStart + 1;
                while (segEnd < tokens.Count && tokens[segEnd].Segment == tokens[segStart].Segment) segEnd++;
                if (segEnd - segStart < tokens.Count && units.FindFirst(d.TokenSpan, segStart, segEnd) != null)
                {
                    d.OrgUnit = PartyDraft.Append(d.OrgUnit, d.SpanText(tokens, segStart, segEnd));
                    tokens.RemoveRange(segStart, segEnd - segStart);
                    return true;
                }
                segStart = segEnd;
            }
        }
        var p = units.MatchEndingAt(d.TokenSpan, tokens.Count, 1);
        if (p != null)
        {
            int from = tokens.Count - p.Tokens.Length;
            if (from >= 2) from--;
            d.OrgUnit = PartyDraft.Append(d.OrgUnit, d.SpanText(tokens, from, tokens.Count));
            tokens.RemoveRange(from, tokens.Count - from);
            return true;
        }
        return false;
    }
}
