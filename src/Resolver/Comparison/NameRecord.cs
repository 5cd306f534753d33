using System.Text.Json;
using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// The comparable view of one name variant: keys, tokens, person parts, and optional context sets (co-applicants,
/// classes, places ...). Immutable apart from <see cref="Context"/>, which a run may extend with later occurrences.
/// </summary>
public sealed class NameRecord
{
    public NameRecord(EntityKind kind, string nameKey, string compactKey, string altKey, string country,
        string legalForm = "", string familyName = "", string givenNames = "", string romanizedName = "",
        IReadOnlyDictionary<string, HashSet<string>>? context = null, string elfCode = "", NameForms? forms = null)
    {
        Forms = forms ?? NameForms.None;
        ElfCode = elfCode;
        Kind = kind;
        NameKey = nameKey;
        CompactKey = compactKey;
        AltKey = altKey;
        Country = country;
        LegalForm = legalForm;
        FamilyName = familyName;
        GivenNames = givenNames;
        RomanizedName = romanizedName;
        Tokens = nameKey.Length == 0 ? Array.Empty<string>() : nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Numbers = TokensWithNumbersRead.Where(t => t.Any(char.IsAsciiDigit)).Distinct().Order(StringComparer.Ordinal).ToArray();
        Context = context is null ? new Dictionary<string, HashSet<string>>() : context.ToDictionary(kv => kv.Key, kv => new HashSet<string>(kv.Value));
    }

    /// <summary>The normaliser's other forms of the name (concept key, folded key, acronyms, initials).</summary>
    public NameForms Forms { get; }
    public EntityKind Kind { get; }
    public string NameKey { get; }
    public string CompactKey { get; }
    public string AltKey { get; }
    public string Country { get; }
    public string LegalForm { get; }
    /// <summary>ISO 20275 entity legal form code of <see cref="LegalForm"/> when the normaliser knows it (AG and AKTIENGESELLSCHAFT share one).</summary>
    public string ElfCode { get; }
    public string FamilyName { get; }
    public string GivenNames { get; }
    public string RomanizedName { get; }
    public string[] Tokens { get; }
    /// <summary>Numbers of the name (<see cref="NumberReading"/>: tokens with digits such as 3M or 21ST, number words, roman numerals of organisations), sorted.</summary>
    public string[] Numbers { get; }
    public Dictionary<string, HashSet<string>> Context { get; }

    private string[]? _numbersRead;
    /// <summary>Tokens with numbers read (<see cref="NumberReading.Rewrite"/>: FORTY FOUR -> 44, FIRST -> 1), computed once.</summary>
    public string[] TokensWithNumbersRead => _numbersRead ??= NumberReading.Default.Rewrite(Kind, Tokens);

    private string? _sortedKey;
    /// <summary>Tokens in ordinal order joined by spaces (token-sort comparisons), computed once.</summary>
    public string SortedKey => _sortedKey ??= string.Join(' ', Tokens.Order(StringComparer.Ordinal));

    private string[]? _distinctTokens;
    /// <summary>Distinct tokens, computed once.</summary>
    public string[] DistinctTokens => _distinctTokens ??= Tokens.Distinct(StringComparer.Ordinal).ToArray();

    private string[]? _distinctiveWords;
    /// <summary>An organisation's words that could name it (<see cref="SharedWordFeature"/>), computed once.</summary>
    public string[] DistinctiveWords => _distinctiveWords ??= SharedWordFeature.Of(this);

    /// <summary>Context items kept per column and variant; enough to compare, bounded for memory.</summary>
    public const int MaxContextItems = 64;

    public static NameRecord FromParty(Party party, IReadOnlyDictionary<string, string>? context = null)
    {
        var record = new NameRecord(party.Kind, party.NameKey, party.CompactKey, party.AltKey, party.Country, party.LegalForm,
            party.FamilyName, party.GivenNames, party.RomanizedName, elfCode: party.ElfCode, forms: NameForms.FromParty(party));
        if (context is not null) record.AddContext(context);
        return record;
    }

    /// <summary>Adds context values; multi-valued cells are split on ** ; | (the separators found in IP data sets).</summary>
    public void AddContext(IReadOnlyDictionary<string, string> context, int maxItems = MaxContextItems)
    {
        foreach (var (column, value) in context)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (!Context.TryGetValue(column, out var set)) Context[column] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in value.Split(["**", ";", "|"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (set.Count >= maxItems) break;
                var norm = string.Join(' ', item.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (norm.Length > 0) set.Add(norm);
            }
        }
    }

    /// <summary>Adds another record's context (pooling the context of an entity's variants).</summary>
    public void AddContext(NameRecord other, int maxItems)
    {
        foreach (var (column, items) in other.Context)
        {
            if (!Context.TryGetValue(column, out var set)) Context[column] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (set.Count >= maxItems) break;
                set.Add(item);
            }
        }
    }

    /// <summary>JSON of the parts that are not stored in their own registry columns; context values sorted unless <paramref name="keepOrder"/>.</summary>
    public string SerializeExtras(bool keepOrder = false) => JsonSerializer.Serialize(new Extras(LegalForm, FamilyName, GivenNames, RomanizedName,
        Context.Count == 0 ? null : Context.ToDictionary(kv => kv.Key, kv => keepOrder ? kv.Value.ToArray() : kv.Value.Order(StringComparer.Ordinal).ToArray()),
        ElfCode.Length == 0 ? null : ElfCode,
        Forms.ConceptKey.Length == 0 ? null : Forms.ConceptKey, Forms.FoldedKey.Length == 0 ? null : Forms.FoldedKey,
        Forms.Acronyms.Length == 0 ? null : Forms.Acronyms, Forms.Initials.Length == 0 ? null : Forms.Initials,
        Forms.Field.Length == 0 ? null : Forms.Field));

    public static NameRecord Deserialize(EntityKind kind, string nameKey, string compactKey, string altKey, string country, string extrasJson)
    {
        var e = string.IsNullOrEmpty(extrasJson) ? null : JsonSerializer.Deserialize<Extras>(extrasJson);
        return new NameRecord(kind, nameKey, compactKey, altKey, country, e?.L ?? "", e?.F ?? "", e?.G ?? "", e?.R ?? "",
            e?.C?.ToDictionary(kv => kv.Key, kv => new HashSet<string>(kv.Value)), e?.E ?? "",
            e is null ? null : new NameForms(e.K ?? "", e.P ?? "", e.A ?? "", e.I ?? "", e.W ?? ""));
    }

    // K concept key, P folded (phonetic) key, A acronyms, I initials, W the whole field of a split or parsed
    // organisation: absent in variants stored before they existed
    private sealed record Extras(string L, string F, string G, string R, Dictionary<string, string[]>? C, string? E = null,
        string? K = null, string? P = null, string? A = null, string? I = null, string? W = null);
}
