using Names.Resolver.ExternalIds;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;

namespace Names.Resolver.Resolution;

/// <summary>
/// The registry as one bulk run reads and extends it (over its in-memory <see cref="RegistryState"/>): the candidates
/// a name reaches, the records the <see cref="EntityMatcher"/> compares, and, for the <see cref="RegistryWriter"/>, ids
/// from the run's minter and proposals checked against the cannot-links and pairs already proposed.
/// </summary>
internal sealed class RunRegistry(RegistryState state, IdMinter minter, ResolutionOptions options)
    : ICandidateEntities<RegistryState.EntityState, int>, ICandidateRecords<RegistryState.EntityState, int>, IRegistryWriteTarget
{
    public RegistryState State => state;
    public IdMinter Minter => minter;

    /// <summary>Entities minted in the chunk being resolved, in minting order (their ids are not handed out yet).</summary>
    public List<string> MintedInChunk { get; } = new();

    /// <summary>The entities the record's terms reach in the candidate index, compared by the matcher; groups index <see cref="EntityMatch.Group"/>.</summary>
    public List<EntityMatch> Match(EntityMatcher matcher, NameRecord record, CandidateTerms terms, IReadOnlyCollection<ExternalId>? externalIds = null)
    {
        var ranked = state.Candidates(terms, options.MaxCandidates);
        return matcher.Match<RegistryState.EntityState, int, RunRegistry>(record, ranked, this, state.Tokens, out _, externalIds);
    }

    /// <summary>How the record compares with one entity's members (the first ones, its canonical member among them), or null when it has none.</summary>
    public EntityMatch? MatchWith(EntityMatcher matcher, NameRecord record, RegistryState.EntityState entity)
    {
        if (entity.VariantCount == 0) return null;
        var group = new CandidateGroup<RegistryState.EntityState, int>(entity, state.MembersOf(entity).Take(options.MaxCandidates).ToList());
        return matcher.Score(record, [group], this, state.Tokens).FirstOrDefault();
    }

    public IReadOnlyCollection<ExternalId> ExternalIdsOf(RegistryState.EntityState entity) => entity.PartyIds;

    public RegistryState.EntityState? EntityOf(int member) => state.EntityOf(member);
    public string IdOf(RegistryState.EntityState entity) => entity.Id;
    public EntityKind KindOf(RegistryState.EntityState entity) => entity.Kind;

    public bool TryCanonicalMember(RegistryState.EntityState entity, out int member)
    {
        member = entity.First;
        return member >= 0;
    }

    public NameRecord RecordOf(int member) => state.RecordOf(member);
    public NameRecord? ContextPoolOf(RegistryState.EntityState entity) => state.PoolOf(entity);

    public ValueTask<string> MintIdAsync(Party party, CancellationToken ct)
    {
        string id;
        do id = minter.Mint(RegistryWriter.PrefixOf(party.Kind));
        while (state.Entities.ContainsKey(id)); // never re-issue, even on a 65-bit collision
        state.Entities[id] = new RegistryState.EntityState(id, party.Kind, party.DisplayName);
        MintedInChunk.Add(id);
        return ValueTask.FromResult(id);
    }

    public ValueTask<long> NextVariantIdAsync(CancellationToken ct) => ValueTask.FromResult(state.MaxVariantId + 1);

    public ValueTask<bool> ClaimProposalAsync(string a, string b, CancellationToken ct)
    {
        var pair = RegistryState.Pair(a, b);
        return ValueTask.FromResult(!state.CannotLinks.Contains(pair) && state.ProposedPairs.Add(pair));
    }
}
