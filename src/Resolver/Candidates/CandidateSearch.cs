namespace Names.Resolver.Candidates;

/// <summary>
/// Candidate lookup with two rankings, as Splink ORs its blocking rules: the name keys and the context keys
/// (<see cref="BlockingKeyGenerator.IsContextKey"/>: date of birth, postcode, place ...) are searched apart and their
/// results interleaved. In one ranking a row sharing only its date and postcode with its person (GUS CLARKE /
/// AUGUSTUS CLARK) loses to the dozens of other CLARKEs that share many name keys.
/// </summary>
public static class CandidateSearch
{
    public static IReadOnlyList<int> Find(ICandidateIndex index, IReadOnlyList<string> keys, int limit)
    {
        int context = 0;
        foreach (var k in keys) if (BlockingKeyGenerator.IsContextKey(k)) context++;
        if (context == 0) return index.Find(keys, limit);
        var nameKeys = new List<string>(keys.Count - context);
        var contextKeys = new List<string>(context);
        foreach (var k in keys) (BlockingKeyGenerator.IsContextKey(k) ? contextKeys : nameKeys).Add(k);
        var byName = nameKeys.Count == 0 ? [] : index.Find(nameKeys, limit);
        var byContext = index.Find(contextKeys, limit);
        var merged = new List<int>(byName.Count + byContext.Count);
        var seen = new HashSet<int>();
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
