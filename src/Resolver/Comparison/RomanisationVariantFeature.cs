namespace Names.Resolver.Comparison;

/// <summary>
/// The names' folded keys (the normaliser's R24: romanisation variants folded, YANDEKS/YANDEX, SAMSEONG/SAMSUNG,
/// Hepburn/Kunrei SHI/SI, long vowels written out): equal, or the same number of words with every word equal once
/// folded. Only judged for organisations, when the plain keys differ and at least one name has a folded form: person
/// names of many languages fold by accident (SANCHO/SANTYO), and the person levels compare them letter by letter.
/// </summary>
public sealed class RomanisationVariantFeature : IComparisonFeature
{
    public string Name => "romanisation_variant";
    public IReadOnlyList<string> Levels { get; } = ["folded keys differ", "some words equal once folded", "folded keys equal"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Tokens.Length == 0 || b.Tokens.Length == 0 || a.NameKey == b.NameKey) return IComparisonFeature.NotComparable;
        if (a.Kind == Names.Normalization.EntityKind.Person || b.Kind == Names.Normalization.EntityKind.Person) return IComparisonFeature.NotComparable;
        if (a.Forms.FoldedKey.Length == 0 && b.Forms.FoldedKey.Length == 0) return IComparisonFeature.NotComparable;
        var fa = a.Forms.FoldedKey.Length > 0 ? a.Forms.FoldedKey : a.NameKey;
        var fb = b.Forms.FoldedKey.Length > 0 ? b.Forms.FoldedKey : b.NameKey;
        if (fa == fb) return 2;
        var ta = fa.Split(' ');
        var tb = fb.Split(' ');
        foreach (var t in ta)
            if (t.Length >= 3 && Array.IndexOf(tb, t) >= 0 && (Array.IndexOf(a.Tokens, t) < 0 || Array.IndexOf(b.Tokens, t) < 0)) return 1; // agrees only once folded
        return 0;
    }
}
