using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Resolver.Review;

/// <summary>
/// One proposal as a reviewer decides it: both entities (as they are now: absorbed ids followed to their survivor),
/// the per-feature contributions of the best-scoring pair of their variants under the current model, and the nearest
/// other entities to A's canonical name. <paramref name="CurrentProbability"/> is that pair's probability now (null
/// when a side has no variant): it can differ from the proposal's score, which the model and word frequencies of the
/// run that proposed it gave.
/// </summary>
public sealed record ProposalDetail(ReviewProposal Proposal, EntitySummary A, EntitySummary B,
    IReadOnlyList<FeatureContribution> Contributions, IReadOnlyList<EntityCandidate> NearestOthers, double? CurrentProbability = null);
