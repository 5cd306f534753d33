using System.Globalization;
using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// Where a <see cref="RegistryWriter"/> takes ids from and checks pairs against: the bulk run's image of the registry
/// (ids from its own minter, checks in memory) or a service session under the name's database lock (ids from the shared
/// sequence, checks in the database).
/// </summary>
public interface IRegistryWriteTarget
{
    /// <summary>A new entity id for the party (never one issued before).</summary>
    ValueTask<string> MintIdAsync(Party party, CancellationToken ct);
    /// <summary>A variant id no other writer will use.</summary>
    ValueTask<long> NextVariantIdAsync(CancellationToken ct);
    /// <summary>
    /// Whether the pair may be put to reviewers: never proposed before (pending or decided) and no cannot-link between
    /// them. A true answer counts the pair as proposed.
    /// </summary>
    ValueTask<bool> ClaimProposalAsync(string a, string b, CancellationToken ct);
}

/// <summary>Where a variant was first read: the input file, its line and record id, and the name field verbatim.</summary>
public sealed record VariantOrigin(string SourceFile, long Row = 0, string SourceRecordId = "", string RawName = "");

/// <summary>What <see cref="RegistryWriter.WriteAsync"/> wrote for one name.</summary>
public sealed record WrittenName(string EntityId, bool Minted, VariantRecord Variant, string Explanation, string? ProposedWith);

/// <summary>
/// The one writer of resolution results, used by the bulk run, the service's resolve and the synthetic benchmark
/// registry: mints ids (a minted event each), links variants (a variant_linked event each) and makes review proposals
/// (only for a pair the target allows: never twice, never across a cannot-link), into a <see cref="RegistryBatch"/>
/// that the caller commits in one transaction.
/// </summary>
public sealed class RegistryWriter(IRegistryWriteTarget target, string actor)
{
    public RegistryBatch Batch { get; private set; } = new();

    /// <summary>Hands the batch written so far to the caller (to commit) and starts a new one.</summary>
    public RegistryBatch TakeBatch()
    {
        var batch = Batch;
        Batch = new RegistryBatch();
        return batch;
    }

    public static char PrefixOf(EntityKind kind) => kind == EntityKind.Person ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix;

    /// <summary>A new entity named after the party.</summary>
    public async ValueTask<string> MintAsync(Party party, CancellationToken ct)
    {
        var id = await target.MintIdAsync(party, ct);
        Batch.NewEntities.Add(new EntityRecord(id, party.Kind.ToText(), party.DisplayName));
        Batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, id, null, actor, party.NameKey, DateTimeOffset.UtcNow));
        return id;
    }

    /// <summary>Links the party's name to the entity as a new variant.</summary>
    public async ValueTask<VariantRecord> LinkAsync(string entityId, Party party, NameRecord record, string resolution, double score, VariantOrigin origin,
        CancellationToken ct)
    {
        var variant = new VariantRecord(await target.NextVariantIdAsync(ct), entityId, party.Kind.ToText(), party.DisplayName, party.NameKey,
            party.CompactKey, party.AltKey, party.Country, record.SerializeExtras(), origin.SourceFile, origin.Row, origin.SourceRecordId, origin.RawName);
        Batch.NewVariants.Add(variant);
        Batch.Events.Add(new RegistryEvent(RegistryEventType.VariantLinked, entityId, null, actor,
            string.Create(CultureInfo.InvariantCulture, $"{party.NameKey} ({resolution}, p={score:0.000})"), DateTimeOffset.UtcNow));
        return variant;
    }

    /// <summary>Proposes the pair for review, unless it was proposed before or a cannot-link says the two differ.</summary>
    public async ValueTask<bool> ProposeAsync(string a, string b, PairScore score, string explanation, CancellationToken ct)
    {
        if (a == b || !await target.ClaimProposalAsync(a, b, ct)) return false;
        Batch.NewProposals.Add(new ReviewProposal(0, a, b, Math.Round(score.Probability, 4), explanation, ProposalStatus.Pending, DateTimeOffset.UtcNow,
            Contributions: score.Contributions));
        return true;
    }

    /// <summary>
    /// Writes what <paramref name="decision"/> says for a new name: linked to its target (every other entity matching
    /// as well proposed with it), or a new entity, proposed with the target in review.
    /// </summary>
    public async ValueTask<WrittenName> WriteAsync(Party party, NameRecord record, LinkDecision<EntityMatch> decision, VariantOrigin origin, CancellationToken ct)
    {
        string entityId, explanation;
        string? proposedWith = null;
        bool minted = decision.Resolution != ResolutionKind.Matched;
        if (!minted)
        {
            var best = decision.Target!;
            entityId = best.EntityId;
            explanation = best.BestScore.Explain();
            // Evidence that other entities are the same one: never merged silently, proposed instead.
            foreach (var other in decision.AlsoMatching)
            {
                var score = other.BestScore;
                await ProposeAsync(entityId, other.EntityId, score, "variant " + party.NameKey + " matches both; " + score.Explain(), ct);
            }
        }
        else
        {
            entityId = await MintAsync(party, ct);
            if (decision.Target is { } candidate)
            {
                var score = candidate.BestScore;
                explanation = score.Explain();
                proposedWith = candidate.EntityId;
                await ProposeAsync(candidate.EntityId, entityId, score, explanation, ct);
            }
            else
                explanation = decision.Nearest is { } nearest ? "nearest " + nearest.EntityId + ": " + nearest.BestScore.Explain() : "no candidate";
        }
        var variant = await LinkAsync(entityId, party, record, decision.Resolution, decision.Score, origin, ct);
        return new WrittenName(entityId, minted, variant, explanation, proposedWith);
    }
}
