using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Identifiers;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>
/// Behaviour every <see cref="IRegistryStore"/> must have. Subclass per implementation (SQLite here; PostgreSQL with
/// the service) and provide a fresh, empty store.
/// </summary>
public abstract partial class RegistryStoreContract
{
    protected abstract Task<IRegistryStore> CreateEmptyStoreAsync();

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RegistryBatch Batch(IdMinter minter, out string a, out string b)
    {
        a = minter.Mint('L');
        b = minter.Mint('L');
        var batch = new RegistryBatch();
        batch.NewEntities.Add(new EntityRecord(a, "legal_entity", "Akzo Nobel N.V."));
        batch.NewEntities.Add(new EntityRecord(b, "legal_entity", "AKZO NOBEL CHEMICALS"));
        batch.NewVariants.Add(new VariantRecord(1, a, "legal_entity", "Akzo Nobel N.V.", "AKZO NOBEL", "AKZONOBEL", "", "NL", "", "in.csv", 2, "r2"));
        batch.NewVariants.Add(new VariantRecord(2, a, "legal_entity", "AKZO-NOBEL", "AKZO NOBEL", "AKZONOBEL", "", "", "", "in.csv", 3, "r3"));
        batch.NewVariants.Add(new VariantRecord(3, b, "legal_entity", "AKZO NOBEL CHEMICALS", "AKZO NOBEL CHEMICALS", "AKZONOBELCHEMICALS", "", "", "", "in.csv", 4, "r4"));
        batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, a, null, "test", "", T0));
        batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, b, null, "test", "", T0));
        batch.Meta["minter.sequence"] = "2";
        return batch;
    }

    [Fact]
    public async Task A_batch_is_read_back_with_provenance()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        var entity = await store.GetEntityAsync(a);
        Assert.Equal(new EntityRecord(a, "legal_entity", "Akzo Nobel N.V."), entity);
        var variants = await store.GetVariantsOfEntityAsync(a);
        Assert.Equal(2, variants.Count);
        Assert.Equal(("in.csv", 2L, "r2", "NL"), (variants[0].SourceFile, variants[0].SourceRow, variants[0].SourceRecordId, variants[0].Country));
        Assert.Equal("2", await store.GetMetaAsync("minter.sequence"));
        Assert.Equal(3, await store.GetMaxVariantIdAsync());
        Assert.True(await store.IdExistsAsync(b));
        Assert.False(await store.IdExistsAsync(new IdMinter(2).Mint('L')));
        Assert.Equal(2, await store.CountEventsAsync());
    }

    [Fact]
    public async Task The_raw_input_name_is_stored_and_read_back_byte_for_byte()
    {
        // Hostile and odd text: quotes, SQL, markup, a NUL-free control char, combining marks, an astral character, padding.
        const string raw = "  Robert'); DROP TABLE variants;-- <script>\"x\"</script>\tCafe\u0301 \U0001F600 ; Acme GmbH ";
        await using var store = await CreateEmptyStoreAsync();
        var batch = Batch(new IdMinter(1), out var a, out _);
        batch.NewVariants[0] = batch.NewVariants[0] with { RawName = raw };
        await store.ApplyAsync(batch);

        Assert.Equal(raw, (await store.GetVariantsOfEntityAsync(a))[0].RawName);
        Assert.Equal(raw, (await store.GetVariantsAsync([1L]))[0].RawName);
        var all = new List<VariantRecord>();
        await foreach (var v in store.ReadVariantsAsync()) all.Add(v);
        Assert.Equal([raw, "", ""], all.OrderBy(v => v.Id).Select(v => v.RawName));
        Assert.Equal(3, all.Count); // the tables took the text as data
    }

    [Fact]
    public async Task Free_text_search_tolerates_a_typo()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out _, out _));
        var hits = await store.SearchNamesAsync("akzo nobell chemicals", 5);
        Assert.NotEmpty(hits);
        Assert.Equal("AKZO NOBEL CHEMICALS", hits[0].DisplayName);
    }

    [Fact]
    public async Task Merge_moves_variants_and_the_absorbed_id_resolves_to_the_survivor()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        await ReviewedMerge.MergeAsync(store, a, b, "analyst");
        var resolved = await store.ResolveAsync(b);
        Assert.Equal(a, resolved!.Id);
        Assert.Equal(EntityStatus.Absorbed, (await store.GetEntityAsync(b))!.Status);
        Assert.Equal(3, (await store.GetVariantsOfEntityAsync(a)).Count);
        Assert.Empty(await store.GetVariantsOfEntityAsync(b));
        var events = new List<RegistryEvent>();
        await foreach (var e in store.ReadEventsAsync(b)) events.Add(e);
        Assert.Contains(events, e => e.Type == RegistryEventType.Merged && e.EntityId == a && e.OtherId == b && e.Actor == "analyst");
        await Assert.ThrowsAnyAsync<Exception>(() => ReviewedMerge.MergeAsync(store, b, a));
    }

    [Fact]
    public async Task Split_mints_a_new_entity_for_the_part_that_leaves()
    {
        await using var store = await CreateEmptyStoreAsync();
        var minter = new IdMinter(1);
        await store.ApplyAsync(Batch(minter, out var a, out _));
        var newId = minter.Mint('L');
        await store.SplitAsync(a, [2L], new EntityRecord(newId, "legal_entity", "AKZO-NOBEL"), "analyst", "different firm");
        Assert.Equal([1L], (await store.GetVariantsOfEntityAsync(a)).Select(v => v.Id));
        Assert.Equal([2L], (await store.GetVariantsOfEntityAsync(newId)).Select(v => v.Id));
        var types = new List<string>();
        await foreach (var e in store.ReadEventsAsync(newId)) types.Add(e.Type);
        Assert.Contains(RegistryEventType.Split, types);
        Assert.Contains(RegistryEventType.Minted, types);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SplitAsync(a, [1L], new EntityRecord(minter.Mint('L'), "legal_entity", "x"), "analyst", "all"));
    }

    [Fact]
    public async Task Cannot_links_proposals_and_models_round_trip()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out var b));
        await store.AddCannotLinkAsync(b, a, "analyst", "different");
        var expected = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        Assert.Equal([expected], await store.GetCannotLinksAsync());

        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, a, b, 0.7, "p=0.7", ProposalStatus.Pending, T0));
        await store.ApplyAsync(batch);
        var pending = await store.GetProposalsAsync(ProposalStatus.Pending);
        Assert.Single(pending);
        await store.RecordDecisionAsync(new ReviewDecisionRequest(pending[0].Id, ProposalStatus.Rejected, "analyst", null, LinkA: a, LinkB: b));
        Assert.Empty(await store.GetProposalsAsync(ProposalStatus.Pending));
        Assert.Equal("analyst", (await store.GetProposalsAsync(ProposalStatus.Rejected))[0].DecidedBy);

        var v1 = await store.SaveModelAsync("fellegi_sunter", "{\"a\":1}", "first");
        var v2 = await store.SaveModelAsync("logistic_regression", "{\"b\":2}", "second");
        Assert.True(v2 > v1);
        Assert.Equal("{\"b\":2}", (await store.GetLatestModelAsync(null))!.Parameters);
        Assert.Equal("{\"a\":1}", (await store.GetLatestModelAsync("fellegi_sunter"))!.Parameters);
    }

    [Fact]
    public async Task A_failing_batch_writes_nothing()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ApplyAsync(Batch(new IdMinter(1), out var a, out _));
        var bad = new RegistryBatch();
        var c = new IdMinter(3).Mint('L');
        bad.NewEntities.Add(new EntityRecord(c, "legal_entity", "NEW"));
        bad.NewEntities.Add(new EntityRecord(a, "legal_entity", "DUPLICATE ID")); // primary key violation
        await Assert.ThrowsAnyAsync<Exception>(() => store.ApplyAsync(bad));
        Assert.Null(await store.GetEntityAsync(c));
    }
}
