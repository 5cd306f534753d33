using Names.Normalization;
using Names.Resolver.Comparison;

namespace Names.Resolver.Resolution;

/// <summary>An active entity reached by a name's candidates, with the members to compare (best-ranked first, then its canonical member).</summary>
public sealed record CandidateGroup<TEntity, TMember>(TEntity Entity, List<TMember> Members) where TEntity : class;

/// <summary>What <see cref="EntityMatcher.Group{TEntity,TMember}"/> reads of a registry image: which active entity a candidate variant belongs to.</summary>
public interface ICandidateEntities<TEntity, TMember> where TEntity : class
{
    /// <summary>The active entity the variant belongs to (absorbed ids followed); null when unknown.</summary>
    TEntity? EntityOf(TMember member);
    string IdOf(TEntity entity);
    EntityKind KindOf(TEntity entity);
    /// <summary>The entity's canonical (first) variant, compared with every name; false when it has none.</summary>
    bool TryCanonicalMember(TEntity entity, out TMember member);
}

/// <summary>What <see cref="EntityMatcher.Score{TEntity,TMember}"/> reads of a registry image: comparison records.</summary>
public interface ICandidateRecords<TEntity, TMember> where TEntity : class
{
    string IdOf(TEntity entity);
    NameRecord RecordOf(TMember member);
    /// <summary>The context pooled over all the entity's variants; null where the image keeps none (the service).</summary>
    NameRecord? ContextPoolOf(TEntity entity);
    /// <summary>The external identifiers the entity holds (those of entities absorbed into it included).</summary>
    IReadOnlyCollection<ExternalIds.ExternalId> ExternalIdsOf(TEntity entity) => [];
}
