using Names.Resolver.Comparison;

namespace Names.Resolver.Resolution;

/// <summary>
/// Applies <see cref="ResolutionOptions.NameConflictRules"/> over a model's match probability, in the batch engine and
/// the online resolver alike. Organisation names whose words differ both ways (SILVER LAKE APEX / SILVER LAKE
/// SEMICONDUCTOR) and persons whose names conflict (WANG JIANHUA / ZHAO JIANHUA) are different whatever the string
/// similarity says (p 0); a name that is the other plus words (SILVER LAKE / SILVER LAKE INTERNATIONAL) or the same words
/// with a different legal form may be a parent, a subsidiary or a sister company, so a reviewer decides (capped below the
/// upper threshold); a one-word name inside a longer one is too weak even for review. An acronym and its expansion
/// (IBM / INTERNATIONAL BUSINESS MACHINES) differ in every word but are no conflict: <see cref="NameSupportRule"/> weighs them.
/// </summary>
public sealed class NameConflictRule(ResolutionOptions options)
{
    private readonly SharedWordFeature _sharedWords = new();

    public double Apply(NameRecord a, NameRecord b, IReadOnlyList<int> levels, IReadOnlyList<int> contextFeatures, TokenStatistics tokens, double probability)
    {
        if (probability < options.LowerThreshold || !options.NameConflictRules) return probability;
        // Shared context (co-applicants, classes, dates) is evidence the names alone do not have: renamed companies
        // (PHILIPS GLOEILAMPENFABRIEKEN / KONINKLIJKE PHILIPS ELECTRONICS) are left to the model.
        foreach (var f in contextFeatures)
            if (levels[f] >= 1) return probability;
        if (PersonNameConflict.Between(a, b)) return 0;
        return WordSetRelation.Classify(a, b, tokens) switch
        {
            WordSetRelationKind.Conflict when _sharedWords.Compare(a, b, tokens) != SharedWordFeature.AcronymOnly => 0,
            // The one word is shared by every firm named after the same place or idea (LIBERTY / LIBERTY INTERNATIONAL).
            WordSetRelationKind.Subset when Math.Min(a.DistinctTokens.Length, b.DistinctTokens.Length) == 1 => Math.Min(probability, options.LowerThreshold * 0.99),
            WordSetRelationKind.Subset => Math.Min(probability, options.SubsetNameCap),
            // Same words, different legal forms (SUMMIT LLC / SUMMIT INC, X GMBH / X GMBH & CO KG): sister companies as
            // often as one company.
            WordSetRelationKind.Same when LegalFormFeature.FormsDiffer(a, b) => Math.Min(probability, options.SubsetNameCap),
            _ => probability,
        };
    }
}
