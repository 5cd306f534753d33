using Names.Normalization;
using Names.Resolver.Comparison;

namespace Names.Resolver.Scoring;

/// <summary>
/// Which scorer a party of each kind gets. A person model (family/given name features, no general name feature) says
/// nothing about organisation names: parties of other kinds are scored with the fresh-registry default instead. One rule for
/// the bulk engine and the service, so a stored person model scores an organisation the same way in both.
/// </summary>
public sealed class ScorerByKind
{
    private readonly IPairScorer? _otherKinds;

    public ScorerByKind(IPairScorer model)
    {
        Model = model;
        if (model.Comparisons.Features.Any(f => f is FamilyNameFeature) && !model.Comparisons.Features.Any(f => f is NameSimilarityFeature))
            _otherKinds = DefaultModel.ForFreshRegistry();
    }

    /// <summary>The model given (stored or trained).</summary>
    public IPairScorer Model { get; }

    public IPairScorer For(EntityKind kind) => _otherKinds is not null && kind != EntityKind.Person ? _otherKinds : Model;
}
