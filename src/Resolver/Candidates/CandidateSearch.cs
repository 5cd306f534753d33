namespace Names.Resolver.Candidates;

/// <summary>
/// Candidate lookup with two rankings, as Splink ORs its blocking rules: the name (its keys, words and n-grams) and the
/// context keys (<see cref="BlockingKeyGenerator.IsContextKey"/>: date of birth, postcode, place ...) are searched apart
/// and their results interleaved. In one ranking a row sharing only its date and postcode with its person (GUS CLARKE /
/// AUGUSTUS CLARK) loses to the dozens of other CLARKEs that share many name terms.
/// </summary>
public static class CandidateSearch
{
    public static IReadOnlyList<long> Find(ICandidateIndex index, CandidateTerms terms, int limit)
    {
        var (name, context) = terms.SplitContext();
        if (context.Keys.Count == 0) return index.Find(terms, limit);
        var byName = name.IsEmpty ? [] : index.Find(name, limit);
        var byContext = index.Find(context, limit);
        var merged = new List<long>(byName.Count + byContext.Count);
        var seen = new HashSet<long>();
        for (int i = 0; i < Math.Max(byName.Count, byContext.Count); i++)
        {
            if (i < byName.Count && seen.Add(byName[i])) merged.Add(byName[i]);
            if (i < byContext.Count && seen.Add(byContext[i])) merged.Add(byContext[i]);
        }
        return merged;
    }

    /// <summary>The keys made from the name alone (for estimation over name-blocked pairs).</summary>
    public static IReadOnlyList<string> NameKeys(IReadOnlyList<string> keys) => keys.Where(k => !BlockingKeyGenerator.IsContextKey(k)).ToList();
}
