using System.Globalization;
using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Identifiers;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Host.Service.Benchmarks;

/// <summary>
/// Writes a benchmark registry straight from the synthetic truth, without resolving: each entity slot of
/// <see cref="SyntheticRegistryRows"/> becomes one entity holding its spellings as variants, with the rows the
/// resolver would write (normalised names, features, minted/linked events, minter sequence; by the resolver's own <see cref="RegistryWriter"/>). A second
/// copy of a name already written (namesakes, two spellings cleaning alike) is skipped, as the registry's unique name
/// index requires. About 10x faster than the bulk resolver, whose candidate scoring is not what the lookup
/// benchmark measures.
/// </summary>
public static class SyntheticRegistryWriter
{
    private const int ChunkSlots = 20_000;

    public sealed record Written(long Entities, long Variants, long Skipped);

    /// <summary>Ids from a minter with seed 0, variant ids in order; no proposals (every name is its own slot's).</summary>
    private sealed class SlotTarget : IRegistryWriteTarget
    {
        public IdMinter Minter { get; } = new(0);
        public long Variants { get; private set; }
        public ValueTask<string> MintIdAsync(Party party, CancellationToken ct) => ValueTask.FromResult(Minter.Mint(RegistryWriter.PrefixOf(party.Kind)));
        public ValueTask<long> NextVariantIdAsync(CancellationToken ct) => ValueTask.FromResult(++Variants);
        public ValueTask<bool> ClaimProposalAsync(string a, string b, CancellationToken ct) => ValueTask.FromResult(false);
    }

    public static async Task<Written> WriteAsync(IRegistryStore store, SyntheticRegistryRows rows, long slots, CancellationToken ct)
    {
        using var normalizer = NameNormalizer.CreateDefault();
        var target = new SlotTarget();
        var writer = new RegistryWriter(target, "bench");
        var names = new HashSet<string>(StringComparer.Ordinal);
        long entities = 0, skipped = 0, row = 0;
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
            var batch = writer.Batch;
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
                        entityId = await writer.MintAsync(party, ct);
                        entities++;
                    }
                    await writer.LinkAsync(entityId, party, record, ResolutionKind.New, 1.0, new VariantOrigin("bench", row), ct);
                }
            }
            batch.Meta[ResolutionEngine.SequenceMetaKey] = target.Minter.NextSequence.ToString(CultureInfo.InvariantCulture);
            await store.ApplyAsync(writer.TakeBatch(), ct);
        }
        return new Written(entities, target.Variants, skipped);
    }
}
