using Names.Resolver.Candidates;
using Names.Resolver.ExternalIds;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Resolver.Registry;

/// <summary>
/// Checks a registry's invariants (used by `names verify`): every id ever issued (minted events) resolves to an
/// active or erased entity, no erased id has personal data left, the read audit's chain is whole, every id has valid check digits, every variant belongs to an existing entity, absorbed ids form no
/// cycle and point at existing entities, every external identifier is valid in its scheme's normal form and names an
/// existing entity, and what the store maintains for the review queue matches a recount. With a
/// candidate index: it holds as many variants as the registry up to the last one it caught up to, and a sample of
/// variants is found by its own name.
/// </summary>
public sealed class RegistryVerifier(IRegistryStore store, LuceneCandidateIndex? index = null)
{
    /// <summary>Every n-th variant is looked up by its own name (at most <see cref="SampledLookups"/> of them).</summary>
    public const int SampledLookups = 1000;

    public async Task<RegistryVerification> VerifyAsync(CancellationToken ct = default)
    {
        var problems = new List<string>();
        var entities = new Dictionary<string, EntityRecord>(StringComparer.Ordinal);
        await foreach (var e in store.ReadEntitiesAsync(ct))
        {
            entities[e.Id] = e;
            if (!GlobalId.IsValid(e.Id)) problems.Add($"entity {e.Id}: malformed id or wrong check digits");
        }

        foreach (var e in entities.Values.Where(e => e.Status == EntityStatus.Absorbed))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { e.Id };
            var current = e;
            while (current.Status == EntityStatus.Absorbed)
            {
                if (current.SurvivorId is null || !entities.TryGetValue(current.SurvivorId, out var next))
                {
                    problems.Add($"entity {e.Id}: absorbed into missing entity {current.SurvivorId}");
                    break;
                }
                if (!seen.Add(next.Id))
                {
                    problems.Add($"entity {e.Id}: cycle among absorbed ids ({string.Join(" -> ", seen)})");
                    break;
                }
                current = next;
            }
        }

        long variants = 0;
        await foreach (var v in store.ReadVariantsAsync(ct))
        {
            variants++;
            if (!entities.TryGetValue(v.EntityId, out var owner)) problems.Add($"variant {v.Id} ({v.NameKey}): entity {v.EntityId} does not exist");
            else if (owner.Status != EntityStatus.Active) problems.Add($"variant {v.Id} ({v.NameKey}): belongs to absorbed entity {v.EntityId}");
        }

        await foreach (var x in store.ReadExternalIdsAsync(ct))
        {
            if (!ExternalIdSchemes.TryParse(x.Scheme, x.Value, out var parsed, out var reason)) problems.Add($"external id {x}: {reason}");
            else if (parsed.Value != x.Value) problems.Add($"external id {x}: not in its normal form {parsed.Value}");
            if (!entities.ContainsKey(x.EntityId)) problems.Add($"external id {x}: entity {x.EntityId} does not exist");
        }

        long issued = 0;
        await foreach (var ev in store.ReadEventsAsync(null, ct))
        {
            if (ev.Type != RegistryEventType.Minted) continue;
            issued++;
            if (!entities.ContainsKey(ev.EntityId)) problems.Add($"id {ev.EntityId} was issued but does not resolve");
        }
        foreach (var id in entities.Keys)
            if (await store.ResolveAsync(id, ct) is not { Status: EntityStatus.Active or EntityStatus.Erased }) problems.Add($"id {id} does not resolve to an active or erased entity");
        problems.AddRange(await store.CheckReviewQueueAsync(ct));
        problems.AddRange(await store.PersonalData.CheckAsync(ct));
        if (index is not null)
        {
            problems.AddRange(await CheckIndexAsync(index, variants, ct));
            var erased = (await store.PersonalData.GetErasuresAsync(null, ct)).SelectMany(e => e.VariantIds).ToList();
            if (index.Holding(erased) is > 0 and var left) problems.Add($"candidate index: holds {left} variants of erased persons");
        }

        return new RegistryVerification(problems.Count == 0, problems, entities.Count, variants, issued);
    }

    private async Task<List<string>> CheckIndexAsync(LuceneCandidateIndex index, long variants, CancellationToken ct)
    {
        var problems = new List<string>();
        var keys = new BlockingKeyGenerator();
        var every = Math.Max(1, variants / SampledLookups);
        long upTo = 0, n = 0;
        await foreach (var v in store.ReadVariantsAsync(ct))
        {
            if (v.Id > index.CaughtUp) continue;
            upTo++;
            if (n++ % every != 0) continue;
            var terms = CandidateTerms.Of(RegistryState.RecordOf(v), keys);
            if (!index.Find(terms, new ResolutionOptions().MaxCandidates).Contains(v.Id))
                problems.Add($"candidate index: variant {v.Id} ({v.NameKey}) is not found by its own name");
        }
        var held = index.CountUpTo(index.CaughtUp);
        if (held != upTo) problems.Add($"candidate index: holds {held:N0} variants up to id {index.CaughtUp}, the registry {upTo:N0}");
        return problems;
    }
}

/// <summary>Result of <see cref="RegistryVerifier"/>: Ok when Problems is empty.</summary>
public sealed record RegistryVerification(bool Ok, IReadOnlyList<string> Problems, int Entities, long Variants, long IdsIssued);
