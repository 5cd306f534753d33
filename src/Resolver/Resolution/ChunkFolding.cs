using Names.Resolver.ExternalIds;
using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// Folds entities minted in the chunk being resolved into other entities before their ids are handed out, so no
/// redirect is ever needed: the cluster-level pass (<see cref="MergeChunkEntities"/>), and a person row with context
/// that matches two entities of its chunk (<see cref="TryJoin"/>). <see cref="Apply"/> then rewrites the chunk's results
/// and write batch for what was folded.
/// </summary>
internal sealed class ChunkFolding(RunRegistry registry, EntityMatcher matcher, ResolutionOptions options)
{
    private readonly RegistryState _state = registry.State;
    private readonly RareTokenOverlapFeature _tokenOverlap = new();

    /// <summary>Members of the target entity checked for a shared distinctive word before a cluster-level fold.</summary>
    private const int FoldMembersChecked = 64;

    /// <summary>Entities of this chunk folded into another, with the fold's score and explanation.</summary>
    private readonly Dictionary<string, (RegistryState.EntityState Target, double Score, string Explanation)> _folded = new(StringComparer.Ordinal);

    /// <summary>The entities folded in this chunk: into which entity, with what score.</summary>
    public IEnumerable<(string Absorbed, string Target, double Score)> Folded => _folded.Select(f => (f.Key, f.Value.Target.Id, f.Value.Score));

    public void StartChunk()
    {
        registry.MintedInChunk.Clear();
        _folded.Clear();
    }

    /// <summary>
    /// Persons with context minted in this chunk (ids not handed out yet) are joined when a row matches both: their first
    /// rows missed each other (GUS CLARKE / AUGUSTUS CLARK). Entities that exist outside the chunk only get a proposal.
    /// </summary>
    public bool TryJoin(NameRecord record, RegistryState.EntityState target, EntityMatch other)
    {
        if (!options.ClusterLevelMerge || !matcher.IsMemberWise(record)
            || !registry.MintedInChunk.Contains(target.Id) || !registry.MintedInChunk.Contains(other.EntityId)
            || _state.CannotLinks.Contains(RegistryState.Pair(target.Id, other.EntityId))) return false;
        var absorbed = _state.Entities[other.EntityId];
        if (ExternalId.Contradicting(absorbed.PartyIds, target.PartyIds) is not null) return false;
        _state.Fold(absorbed, target);
        _folded[absorbed.Id] = (target, other.Probability, "joined in chunk by " + record.NameKey + ": " + other.BestScore.Explain());
        return true;
    }

    /// <summary>
    /// Cluster-level pass over the entities minted in this chunk: each is compared as a whole (its first variant with the
    /// context pooled from all its rows in the chunk) with the entities the index finds, and folded into the best one at
    /// or above the upper threshold. A new variant's first row may share no co-applicant with its entity (PHILIPS
    /// GLOEILAMPENFABRIEKEN / KONINKLIJKE PHILIPS ELECTRONICS) while all its rows share many. Such a fold also needs the
    /// same legal form on both sides: sister companies share co-applicants too (DSM N.V. / DSM IP ASSETS B.V.), a renamed
    /// company keeps its form.
    /// </summary>
    public void MergeChunkEntities(RunStatistics stats)
    {
        if (!options.ClusterLevelMerge || !matcher.WeighsContext || registry.MintedInChunk.Count == 0) return;
        var minted = registry.MintedInChunk;
        // Newest first, so a later entity joins an earlier one (as the row-by-row pass would link it), not the reverse.
        for (int k = minted.Count - 1; k >= 0; k--)
        {
            var id = minted[k];
            var entity = _state.Entities[id];
            if (entity.SurvivorId is not null || entity.VariantCount == 0 || entity.ContextPool is not { Context.Count: > 0 } pool) continue;
            var first = _state.RecordOf(entity.First);
            if (first.LegalForm.Length == 0) continue;
            var probe = new NameRecord(first.Kind, first.NameKey, first.CompactKey, first.AltKey, first.Country, first.LegalForm,
                first.FamilyName, first.GivenNames, first.RomanizedName, pool.Context, first.ElfCode);
            var matches = registry.Match(matcher, probe, _state.Terms(probe), entity.PartyIds);
            stats.PairsScored += matches.Sum(m => m.Compared);
            var best = matches
                .Where(m => m.Allowed && m.EntityId != id && m.Probability >= options.UpperThreshold
                            && !_state.CannotLinks.Contains(RegistryState.Pair(m.EntityId, id))
                            && _state.Entities[m.EntityId].VariantCount > 0
                            && NamesSupportFold(first, _state.Entities[m.EntityId]))
                .MaxBy(m => m.Probability);
            if (best is null) continue;
            var target = _state.Survivor(best.EntityId);
            _state.Fold(entity, target);
            _folded[id] = (target, best.Probability, "cluster-level: " + best.BestScore.Explain());
        }
    }

    /// <summary>Rewrites the chunk's results and write batch for the folded entities: they are never written or handed out.</summary>
    public void Apply(List<ResolvedParty> results, RegistryBatch batch, RunStatistics stats)
    {
        var folded = _folded;
        if (folded.Count == 0) return;
        string Final(string id) => folded.TryGetValue(id, out var f) ? _state.Survivor(f.Target.Id).Id : id;
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (!folded.TryGetValue(r.GlobalId, out var f)) continue;
            var target = _state.Survivor(f.Target.Id);
            if (r.Resolution != ResolutionKind.Matched)
            {
                if (r.Resolution == ResolutionKind.New) stats.New--; else if (r.Resolution == ResolutionKind.Review) stats.Review--;
                stats.Matched++;
                r = r with { Resolution = ResolutionKind.Matched, MatchScore = Math.Round(f.Score, 4), Explanation = f.Explanation };
            }
            results[i] = r with { GlobalId = target.Id, CanonicalName = target.CanonicalName, EntityKind = target.Kind.ToText() };
        }
        batch.NewEntities.RemoveAll(e => folded.ContainsKey(e.Id));
        batch.Events.RemoveAll(e => e.Type == RegistryEventType.Minted && folded.ContainsKey(e.EntityId));
        for (int i = 0; i < batch.Events.Count; i++)
            if (folded.ContainsKey(batch.Events[i].EntityId)) batch.Events[i] = batch.Events[i] with { EntityId = Final(batch.Events[i].EntityId) };
        for (int i = 0; i < batch.NewVariants.Count; i++)
            if (folded.ContainsKey(batch.NewVariants[i].EntityId)) batch.NewVariants[i] = batch.NewVariants[i] with { EntityId = Final(batch.NewVariants[i].EntityId) };
        for (int i = batch.NewProposals.Count - 1; i >= 0; i--)
        {
            var p = batch.NewProposals[i];
            if (!folded.ContainsKey(p.EntityA) && !folded.ContainsKey(p.EntityB)) continue;
            _state.ProposedPairs.Remove(RegistryState.Pair(p.EntityA, p.EntityB));
            var (a, b) = (Final(p.EntityA), Final(p.EntityB));
            if (a == b || !_state.ProposedPairs.Add(RegistryState.Pair(a, b))) { batch.NewProposals.RemoveAt(i); stats.ProposalsCreated--; }
            else batch.NewProposals[i] = p with { EntityA = a, EntityB = b };
        }
        stats.NewEntities -= folded.Count;
    }

    /// <summary>
    /// Context alone never folds two clusters (a whole industry shares classes, inventors move, KONINKLIJKE PHILIPS /
    /// KONINKLIJKE DSM share a word): the names must overlap on rare words (weighted overlap level 1 or more with some
    /// member, e.g. PHILIPS GLOEILAMPENFABRIEKEN / PHILIPS ELECTRONICS), and both must carry the same legal form.
    /// </summary>
    private bool NamesSupportFold(NameRecord probe, RegistryState.EntityState target)
    {
        var canonical = _state.RecordOf(target.First);
        if (probe.Kind != canonical.Kind || probe.LegalForm.Length == 0 || canonical.LegalForm.Length == 0
            || !LegalFormFeature.SameForm(probe.LegalForm, canonical.LegalForm)) return false;
        foreach (var h in _state.MembersOf(target).Take(FoldMembersChecked))
            if (_tokenOverlap.Compare(probe, _state.RecordOf(h), _state.Tokens) >= 1) return true;
        return false;
    }
}
