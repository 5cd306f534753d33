using Names.Resolver.Scoring;
using Names.Resolver.Service;

namespace Names.Host.Service.Contracts;

public sealed record LookupResponse(string Name, IReadOnlyList<PartyCandidates> Parties);

public sealed record PartyCandidates(PartyView Party, IReadOnlyList<CandidateView> Candidates);

/// <summary>
/// One existing entity that may be the name: score is the match probability of its best member; decision is what
/// resolve would do with it (match at or above the upper threshold, review between the thresholds, none below).
/// </summary>
public sealed record CandidateView(string Id, string CanonicalName, string Kind, double Score, string Decision, string MatchedVariant, ExplanationView Explanation);

/// <summary>Per-feature contributions to the score (log-odds weights), strongest first, and a one-line summary.</summary>
public sealed record ExplanationView(string Summary, IReadOnlyList<FeatureView> Features)
{
    public static ExplanationView From(PairScore score) => new(score.Contributions.Count == 0 ? "known variant: this exact name is in the registry" : score.Explain(),
        score.Contributions.Where(c => c.Level >= 0).OrderByDescending(c => Math.Abs(c.Weight))
            .Select(c => new FeatureView(c.Feature, c.Level, c.LevelLabel, Math.Round(c.Weight, 4))).ToList());
}

public sealed record FeatureView(string Feature, int Level, string Label, double Weight);

public static class CandidateViews
{
    public static CandidateView From(EntityCandidate c, double upper, double lower) => new(c.EntityId, c.CanonicalName, c.Kind, Math.Round(c.Probability, 4),
        c.Probability >= upper && c.Allowed ? "match" : c.Probability >= lower ? "review" : "none", c.MatchedVariant, ExplanationView.From(c.Score));
}
