using Names.Resolver.Review;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Host.Service.Contracts;

/// <summary>
/// A proposal: two entities the resolver thinks may be one, with the score and its explanation. Contributions: the
/// per-feature contributions of that score, as the proposing run (or the last re-scoring) computed them; null for
/// proposals stored before they were kept.
/// </summary>
public sealed record ProposalView(long Id, string EntityA, string EntityB, double Score, string Explanation, string Status, DateTimeOffset Created,
    IReadOnlyList<FeatureView>? Contributions = null)
{
    public static ProposalView From(ReviewProposal p) => new(p.Id, p.EntityA, p.EntityB, p.Score, p.Explanation, p.Status, p.Created,
        p.Contributions is null ? null : Features(p.Contributions));

    /// <summary>The compared features (level -1: not comparable, left out), weights rounded for JSON.</summary>
    public static List<FeatureView> Features(IEnumerable<FeatureContribution> contributions) =>
        contributions.Where(c => c.Level >= 0).Select(c => new FeatureView(c.Feature, c.Level, c.LevelLabel, Math.Round(c.Weight, 4))).ToList();
}

/// <summary>
/// A recorded decision. Status: accepted, rejected, skipped or undone; SurvivorId: the id that kept resolving after an
/// accept (the older one).
/// </summary>
public sealed record ReviewDecisionView(long ProposalId, string Status, string? SurvivorId, string? Actor = null, DateTimeOffset? Time = null, string? Comment = null)
{
    public static ReviewDecisionView From(ReviewDecision d) => new(d.ProposalId, d.Status, d.SurvivorId, d.Actor, d.Time, d.Comment);
}

/// <summary>Optional body of POST /api/v1/review/{id}/accept | reject | skip | undo.</summary>
public sealed record ReviewDecisionRequestBody(string? Comment);

/// <summary>One entity as a reviewer sees it: all variants with provenance, countries, counts, sources, example records.</summary>
public sealed record EntitySummaryView(string Id, string Kind, string Status, string? SurvivorId, string CanonicalName, IReadOnlyList<VariantView> Variants,
    IReadOnlyList<string> Countries, int RecordCount, IReadOnlyList<string> Sources, IReadOnlyList<string> ExampleRecords, DateTimeOffset Created)
{
    public static EntitySummaryView From(EntitySummary e) => new(e.Id, e.Kind, e.Status, e.SurvivorId, e.CanonicalName,
        e.Variants.Select(v => new VariantView(v.Id, v.DisplayName, v.NameKey, v.Kind, v.Country, v.SourceFile, v.RawName)).ToList(),
        e.Countries, e.RecordCount, e.Sources, e.ExampleRecords, e.Created);
}

/// <summary>
/// GET /api/v1/review/{id} and /review/next: the proposal, both entities side by side, the per-feature contributions
/// of the best pair of their variants (positive weights push towards a match, negative against), and the nearest other
/// entities to A's name.
/// </summary>
public sealed record ProposalDetailView(ProposalView Proposal, EntitySummaryView A, EntitySummaryView B, IReadOnlyList<FeatureView> Contributions,
    IReadOnlyList<NearestEntityView> NearestOthers)
{
    public static ProposalDetailView From(ProposalDetail d) => new(ProposalView.From(d.Proposal), EntitySummaryView.From(d.A), EntitySummaryView.From(d.B),
        ProposalView.Features(d.Contributions),
        d.NearestOthers.Select(c => new NearestEntityView(c.EntityId, c.CanonicalName, c.Kind, Math.Round(c.Probability, 4), c.MatchedVariant)).ToList());
}

public sealed record NearestEntityView(string Id, string CanonicalName, string Kind, double Score, string MatchedVariant);

/// <summary>POST /api/v1/entities/{id}/split: the variant ids (from GET /entities/{id}) that leave for a new entity.</summary>
public sealed record SplitRequest(IReadOnlyList<long>? Variants, string? Reason);

public sealed record SplitView(string Id, string NewId, IReadOnlyList<long> MovedVariants);
