using System.Globalization;
using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Host.Service.Benchmarks;

/// <summary>
/// Writes a benchmark registry straight from the synthetic truth, without resolving: each entity slot of
/// <see cref="SyntheticRegistryRows"/> becomes one entity holding its spellings as variants, with the rows the
/// resolver would write (normalised names, features, blocking keys, minted/linked events, minter sequence). A second
/// copy of a name already written (namesakes, two spellings cleaning alike) is skipped, as the registry's unique name
/// index requires. About 10x faster than the bulk resolver, whose candidate scoring is not what the lookup
/// benchmark measures.
/// </summary>
public static class SyntheticRegistryWriter
{
    private const int ChunkSlots = 20_000;

    public sealed record Written(long Entities, long Variants, long Skipped);

    public static async Task<Written> WriteAsync(IRegistryStore store, SyntheticRegistryRows rows, long slots, CancellationToken ct)
    {
        using var normalizer = NameNormalizer.CreateDefault();
        var keys = new BlockingKeyGenerator();
        var minter = new IdMinter(0);
        var names = new HashSet<string>(StringComparer.Ordinal);
        long entities = 0, variants = 0, skipped = 0, row = 0;
        var now = DateTimeOffset.UtcNow;
        for (long first = 0; first < slots; first += ChunkSlots)
        {
            var count = (int)Math.Min(ChunkSlots, slots - first);
            // Cleaning is the costly part: all cores; ids and order stay deterministic (assigned below, in slot order).
            var cleaned = new List<(Party Party, NameRecord Record)>[count];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                cleaned[i] = rows.Spellings(first + i)
                    .Select(n => normalizer.Normalize(new NameInput(n.Name, n.Country, n.Kind)).FirstOrDefault(p => p.Problem.Length == 0 && p.CompactKey.Length > 0))
                    .OfType<Party>().Select(p => (p, NameRecord.FromParty(p))).ToList();
            });
            var batch = new RegistryBatch();
            if (first == 0) batch.Meta[ResolutionEngine.SeedMetaKey] = "0";
            foreach (var spellings in cleaned)
            {
                string? entityId = null;
                foreach (var (party, record) in spellings)
                {
                    row++;
                    var kind = party.Kind.ToText();
                    if (!names.Add(string.Join('\u001f', kind, party.NameKey, party.CompactKey, party.Country))) { skipped++; continue; }
                    if (entityId is null)
                    {
                        entityId = minter.Mint(party.Kind == EntityKind.Person ? GlobalId.PersonPrefix : GlobalId.LegalEntityPrefix);
                        batch.NewEntities.Add(new EntityRecord(entityId, kind, party.DisplayName));
                        batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, entityId, null, "bench", party.NameKey, now));
                        entities++;
                    }
                    var variantId = ++variants;
                    batch.NewVariants.Add(new VariantRecord(variantId, entityId, kind, party.DisplayName, party.NameKey, party.CompactKey, party.AltKey,
                        party.Country, record.SerializeExtras(), "bench", row, ""));
                    foreach (var k in keys.Keys(record))
                        if (!k.StartsWith("g:", StringComparison.Ordinal)) batch.NewBlockingKeys.Add(new BlockingKeyRow(k, variantId));
                    batch.Events.Add(new RegistryEvent(RegistryEventType.VariantLinked, entityId, null, "bench",
                        string.Create(CultureInfo.InvariantCulture, $"{party.NameKey} (new, p=1.000)"), now));
                }
            }
            batch.Meta[ResolutionEngine.SequenceMetaKey] = minter.NextSequence.ToString(CultureInfo.InvariantCulture);
            await store.ApplyAsync(batch, ct);
        }
        return new Written(entities, variants, skipped);
    }
}
