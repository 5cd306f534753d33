namespace Names.Resolver.Comparison;

/// <summary>
/// The names' concept keys (the normaliser's R24: generic words of any language as concepts such as #UNIVERSITY,
/// function words left out, place names folded, order free): "UNIVERSIDADE DOS ACORES" ~ "UNIVERSITY OF THE AZORES",
/// 华为技术 ~ HUAWEI TECHNOLOGIES. Levels separate equal keys from keys whose distinctive words agree while the
/// concepts differ (University of Tokyo / Tokyo Institute of Technology), and from keys that share only some words.
/// </summary>
public sealed class ConceptKeyFeature : IComparisonFeature
{
    public string Name => "concept_key";
    public IReadOnlyList<string> Levels { get; } =
        ["no distinctive word in common", "some distinctive words in common", "same distinctive words, other concepts", "same distinctive words, one name's concepts within the other's", "concept keys equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        var ka = a.Forms.ConceptKey;
        var kb = b.Forms.ConceptKey;
        if (ka.Length == 0 || kb.Length == 0) return IComparisonFeature.NotComparable;
        if (ka == kb) return 4;
        var wa = a.Forms.ConceptWords;
        var wb = b.Forms.ConceptWords;
        int distinctA = 0, distinctB = 0, shared = 0;
        foreach (var w in wa) if (!IsConcept(w)) { distinctA++; if (Array.IndexOf(wb, w) >= 0) shared++; }
        foreach (var w in wb) if (!IsConcept(w)) distinctB++;
        if (distinctA == 0 || distinctB == 0) return IComparisonFeature.NotComparable; // nothing but generic words: the concepts alone say nothing
        if (shared == distinctA && shared == distinctB)
            return SubsetOf(wa, wb) || SubsetOf(wb, wa) ? 3 : 2;
        return shared > 0 ? 1 : 0;
    }

    private static bool IsConcept(string w) => w.Length > 1 && w[0] == '#';

    private static bool SubsetOf(string[] small, string[] large)
    {
        foreach (var w in small) if (IsConcept(w) && Array.IndexOf(large, w) < 0) return false;
        return true;
    }
}
