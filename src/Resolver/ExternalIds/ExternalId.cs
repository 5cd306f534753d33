namespace Names.Resolver.ExternalIds;

/// <summary>
/// An identifier a party already holds in another system (an LEI, a ROR id, an ORCID, an office's applicant number),
/// in its scheme's normal form: only <see cref="ExternalIdSchemes.Parse"/> makes one, so a value is always valid.
/// </summary>
public sealed record ExternalId
{
    internal ExternalId(string scheme, string value)
    {
        Scheme = scheme;
        Value = value;
    }

    /// <summary>The scheme's name: <c>lei</c>, <c>ror</c>, <c>orcid</c>, <c>isni</c>, <c>wikidata</c>, <c>fundref</c>, <c>office:XX</c>.</summary>
    public string Scheme { get; }
    public string Value { get; }

    /// <summary><c>scheme:value</c>, as in the resolve output's <c>external_ids</c> column.</summary>
    public override string ToString() => Scheme + ":" + Value;

    /// <summary>
    /// The first identifier of <paramref name="a"/> that contradicts <paramref name="b"/> (same scheme, other value), or
    /// null: two holders of different ids of one scheme are two parties, never merged or linked.
    /// </summary>
    public static ExternalId? Contradicting(IEnumerable<ExternalId> a, IReadOnlyCollection<ExternalId> b)
    {
        if (b.Count == 0) return null;
        foreach (var x in a)
            foreach (var y in b)
                if (x.Scheme == y.Scheme && x.Value != y.Value) return x;
        return null;
    }
}

/// <summary>A value its scheme refuses; <see cref="Exception.Message"/> is the reason, for a rejects file or a 400 problem.</summary>
public sealed class ExternalIdException(string message) : FormatException(message);
