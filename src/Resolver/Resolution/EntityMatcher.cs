using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.ExternalIds;
using Names.Resolver.Scoring;

namespace Names.Resolver.Resolution;

/// <summary>
/// The one decision core for a new name, used by the bulk run, the service's lookup and resolve, and reviewers' pair
/// scores: groups the candidate variants into their active entities (<see cref="Group{TEntity,TMember}"/>), scores the
/// name with each compared member (hard rules of <see cref="ResolutionOptions.VetoLevels"/>, then
/// <see cref="NameConflictRule"/> and <see cref="NameSupportRule"/> over the model's probability), counts the members
/// that clearly differ (anti-chaining) and decides (<see cref="Decide"/>, by <see cref="LinkDecisionRule"/>). What the name carries decides
/// what applies: a person with context is compared member by member with its own limits, an organisation's context with
/// the entity's pooled context, and the given-name hard rule steps aside only where the model has dates to weigh.
/// </summary>
public sealed class EntityMatcher
{
    private readonly ResolutionOptions _options;
    private readonly ScorerByKind _scorers;
    private readonly NameConflictRule _nameConflicts;
    private readonly LinkDecisionRule _decisions;
    private readonly NameSupportRule _nameSupport;
    private readonly (IComparisonFeature Feature, int[] Levels)[] _vetoes;
    /// <summary>Indexes of the model's context features: compared with an entity's pooled context, and evidence the name rules step aside for.</summary>
    private readonly int[] _contextFeatures;
    private readonly bool _weighsDates;

    public EntityMatcher(IPairScorer model, ResolutionOptions options)
    {
        _options = options;
        _scorers = new ScorerByKind(model);
        _nameConflicts = new NameConflictRule(options);
        _decisions = new LinkDecisionRule(options);
        _vetoes = ComparisonSet.FromNames(options.VetoLevels.Keys).Features.Select(f => (f, options.VetoLevels[f.Name])).ToArray();
        var features = model.Comparisons.Features;
        _contextFeatures = Enumerable.Range(0, features.Count)
            .Where(i => features[i] is ContextOverlapFeature or DateContextFeature or ContextTextFeature).ToArray();
        _weighsDates = features.Any(f => f is DateContextFeature);
        _nameSupport = new NameSupportRule(model, _contextFeatures, options);
    }

    public IPairScorer Model => _scorers.Model;
    public ResolutionOptions Options => _options;
    /// <summary>The model compares context columns (co-applicants, classes, dates ...).</summary>
    public bool WeighsContext => _contextFeatures.Length > 0;

    /// <summary>A person with context is compared member by member (each row's own date and place), with its own limits.</summary>
    public bool IsMemberWise(NameRecord record) => record.Kind == EntityKind.Person && WeighsContext && record.Context.Count > 0;

    /// <summary>
    /// The active entities the ranked candidate variants belong to, in rank order: never a person with a legal entity; at
    /// most MaxEntities (PersonMaxEntities member-wise) entities, so a big cluster filling the ranking leaves room for
    /// others; MaxMembersPerEntity (PersonMembersPerEntity) members each, plus the entity's canonical member, which is
    /// always compared (a name is compared with the cluster, not one member).
    /// </summary>
    public List<CandidateGroup<TEntity, TMember>> Group<TEntity, TMember>(NameRecord record, IEnumerable<TMember> ranked,
        ICandidateEntities<TEntity, TMember> source) where TEntity : class
    {
        bool memberWise = IsMemberWise(record);
        int maxEntities = memberWise ? _options.PersonMaxEntities : _options.MaxEntities;
        int maxMembers = memberWise ? _options.PersonMembersPerEntity : _options.MaxMembersPerEntity;
        var groups = new List<CandidateGroup<TEntity, TMember>>();
        var byEntity = new Dictionary<string, CandidateGroup<TEntity, TMember>>(StringComparer.Ordinal);
        foreach (var member in ranked)
        {
            var entity = source.EntityOf(member);
            if (entity is null) continue;
            var id = source.IdOf(entity);
            if (!byEntity.TryGetValue(id, out var group))
            {
                if (!LinkDecisionRule.KindsCompatible(record.Kind, source.KindOf(entity))) continue;
                if (byEntity.Count >= maxEntities) continue;
                byEntity[id] = group = new CandidateGroup<TEntity, TMember>(entity, new List<TMember>());
                groups.Add(group);
            }
            if (group.Members.Count < maxMembers) group.Members.Add(member);
        }
        var same = EqualityComparer<TMember>.Default;
        foreach (var group in groups)
            if (source.TryCanonicalMember(group.Entity, out var canonical) && !group.Members.Contains(canonical, same)) group.Members.Add(canonical);
        return groups;
    }

    /// <summary>How the record compares with each group: its best member's score, how many members clearly differ, whether it may take the name.</summary>
    /// <remarks>
    /// An entity holding an identifier of one of <paramref name="externalIds"/>' schemes with another value is never
    /// allowed to take the name (two holders of different LEIs are two parties); at the upper threshold it is still a
    /// candidate for review.
    /// </remarks>
    public List<EntityMatch> Score<TEntity, TMember>(NameRecord record, IReadOnlyList<CandidateGroup<TEntity, TMember>> groups,
        ICandidateRecords<TEntity, TMember> source, TokenStatistics tokens, IReadOnlyCollection<ExternalId>? externalIds = null) where TEntity : class
    {
        bool memberWise = IsMemberWise(record);
        var scorer = _scorers.For(record.Kind);
        var contextFeatures = ContextFeaturesOf(scorer);
        var matches = new List<EntityMatch>(groups.Count);
        // Sequential on purpose: per name the work is too small for Parallel.For to pay off, and in a bulk run the other
        // core is busy normalising the next chunk and writing the previous batch.
        for (int g = 0; g < groups.Count; g++)
        {
            var (entity, members) = (groups[g].Entity, groups[g].Members);
            // Organisations compare context with the pooled context of the whole cluster (co-applicants, classes); persons
            // member by member: pooling a cluster's dates would let any date match it.
            var pool = record.Kind != EntityKind.Person && contextFeatures.Length > 0 ? source.ContextPoolOf(entity) : null;
            int dissent = 0, best = -1;
            double bestProbability = -1;
            int[]? bestLevels = null;
            for (int i = 0; i < members.Count; i++)
            {
                var member = source.RecordOf(members[i]);
                var levels = scorer.Comparisons.Compare(record, member, tokens);
                if (pool is not null)
                    foreach (var f in contextFeatures) levels[f] = scorer.Comparisons.Features[f].Compare(record, pool, tokens);
                var p = Probability(scorer, record, member, levels, contextFeatures, tokens);
                if (_decisions.ClearlyDiffers(p)) dissent++;
                if (p > bestProbability) (bestProbability, best, bestLevels) = (p, i, levels);
            }
            if (best < 0) continue;
            matches.Add(new EntityMatch(source.IdOf(entity), g, best, bestProbability, bestLevels!, members.Count, dissent,
                _decisions.Agrees(dissent, members.Count, memberWise) && !HoldsOtherId(source, entity, externalIds), scorer)
            {
                Support = bestProbability >= _options.LowerThreshold ? _nameSupport.Support(record, source.RecordOf(members[best]), bestLevels!, contextFeatures, tokens) : null,
            });
        }
        return matches;
    }

    private static bool HoldsOtherId<TEntity, TMember>(ICandidateRecords<TEntity, TMember> source, TEntity entity, IReadOnlyCollection<ExternalId>? ids)
        where TEntity : class =>
        ids is { Count: > 0 } && ExternalId.Contradicting(ids, source.ExternalIdsOf(entity)) is not null;

    /// <summary><see cref="Group{TEntity,TMember}"/> then <see cref="Score{TEntity,TMember}"/>, for a source that holds both.</summary>
    public List<EntityMatch> Match<TEntity, TMember, TSource>(NameRecord record, IEnumerable<TMember> ranked, TSource source, TokenStatistics tokens,
        out List<CandidateGroup<TEntity, TMember>> groups, IReadOnlyCollection<ExternalId>? externalIds = null)
        where TEntity : class where TSource : ICandidateEntities<TEntity, TMember>, ICandidateRecords<TEntity, TMember>
    {
        groups = Group(record, ranked, source);
        return Score(record, groups, source, tokens, externalIds);
    }

    /// <summary>Link, review or new (<see cref="LinkDecisionRule.Decide{T}"/>).</summary>
    public LinkDecision<EntityMatch> Decide(IReadOnlyList<EntityMatch> matches) => _decisions.Decide(matches);

    /// <summary>
    /// Scores two variants as a candidate pair is scored (hard rules and name conflict rules over the model's
    /// probability; the contributions still show what the model saw). For reviewers: why a pair was proposed.
    /// </summary>
    public PairScore ScorePair(NameRecord a, NameRecord b, TokenStatistics tokens)
    {
        var scorer = _scorers.For(a.Kind);
        var levels = scorer.Comparisons.Compare(a, b, tokens);
        var score = scorer.Score(levels);
        var contextFeatures = ContextFeaturesOf(scorer);
        var p = Probability(scorer, a, b, levels, contextFeatures, tokens);
        if (p >= _options.LowerThreshold && _nameSupport.Support(a, b, levels, contextFeatures, tokens) is { } support)
            score = score with { Contributions = [.. score.Contributions, support] };
        return p == score.Probability ? score : score with { Probability = p };
    }

    private int[] ContextFeaturesOf(IPairScorer scorer) => ReferenceEquals(scorer, _scorers.Model) ? _contextFeatures : [];

    private double Probability(IPairScorer scorer, NameRecord record, NameRecord member, int[] levels, int[] contextFeatures, TokenStatistics tokens) =>
        Vetoed(record, member, weighsGivenNames: _weighsDates && ReferenceEquals(scorer, _scorers.Model) && record.Context.Count > 0, tokens)
            ? 0
            : _nameSupport.Apply(record, member, levels, contextFeatures, tokens,
                _nameConflicts.Apply(record, member, levels, contextFeatures, tokens, scorer.Probability(levels)));

    /// <summary>
    /// The hard rules. A model with dates (a person model) weighs a given-name mismatch against the dates and places of a
    /// name that carries them: with that evidence a mismatch is a nickname or short form as often as another person (TOM /
    /// THOMAS, KATE / CATHERINE), so the given-name rule steps aside (splink-historical50k: B-cubed recall +0.03 at
    /// unchanged precision). A name without context (every service request) keeps it.
    /// </summary>
    private bool Vetoed(NameRecord a, NameRecord b, bool weighsGivenNames, TokenStatistics tokens)
    {
        foreach (var (feature, vetoing) in _vetoes)
        {
            if (weighsGivenNames && feature is PersonNameFeature) continue;
            if (Array.IndexOf(vetoing, feature.Compare(a, b, tokens)) >= 0) return true;
        }
        return false;
    }
}
