using Names.Normalization;
using Names.Resolver.Registry;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;

namespace Names.Resolver.Tests;

/// <summary>The review queue on a SQLite registry filled through the online resolver (real entities, variants and mint events).</summary>
public sealed class ReviewQueueTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-queue-").FullName;
    private readonly NameNormalizer _normalizer = NameNormalizer.CreateDefault();
    private SqliteRegistryStore _store = null!;
    private SqliteOnlineRegistry _registry = null!;
    private OnlineResolver _resolver = null!;
    private ReviewQueue _queue = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_dir, "names.db");
        _registry = await SqliteOnlineRegistry.OpenAsync(path);
        _store = await SqliteRegistryStore.OpenAsync(path);
        _resolver = await OnlineResolver.CreateAsync(_registry, _normalizer);
        _queue = new ReviewQueue(_store, _registry, _resolver);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _registry.DisposeAsync();
        _normalizer.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> ResolveAsync(string name, string? country = null, string? kind = null, string source = "a.csv") =>
        (await _resolver.ResolveAsync(new NameInput(name, country, kind), "test", source)).Single().GlobalId;

    private async Task<long> ProposeAsync(string a, string b, double score)
    {
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, a, b, score, $"p={score}", ProposalStatus.Pending, DateTimeOffset.UtcNow));
        await _store.ApplyAsync(batch);
        return (await _store.GetProposalsAsync(null)).Max(p => p.Id);
    }

    /// <summary>Six unrelated organisations; the first has two variants (IE and GB), the last is a person from b.csv.</summary>
    private async Task<string[]> EntitiesAsync()
    {
        var e1 = await ResolveAsync("Dunmore Castings Ltd", "IE");
        Assert.Equal(e1, await ResolveAsync("Dunmore Castings Ltd", "GB"));
        return
        [
            e1,
            await ResolveAsync("Harbour Lantern Instruments Ltd", "GB"),
            await ResolveAsync("Quarrystone Pumps Inc", "US"),
            await ResolveAsync("Silverbirch Acoustics AB", "SE"),
            await ResolveAsync("Tidewater Bakeries Inc", "US"),
            await ResolveAsync("Okonkwo, Adaeze", "NG", "person", source: "b.csv"),
        ];
    }

    [Fact]
    public async Task The_queue_puts_scores_nearest_the_middle_of_the_review_band_first_then_larger_entities()
    {
        var e = await EntitiesAsync();
        var far = await ProposeAsync(e[1], e[2], 0.55);
        var middle = await ProposeAsync(e[3], e[4], 0.70);
        var tieSmall = await ProposeAsync(e[1], e[4], 0.68);
        var tieLarge = await ProposeAsync(e[0], e[2], 0.72); // e[0] has two variants
        var high = await ProposeAsync(e[2], e[3], 0.88);
        Assert.Equal(0.7, _queue.DecisionBoundary, 6);
        var (items, total) = await _queue.PendingAsync(ProposalFilter.None, 0, 10);
        Assert.Equal(5, total);
        Assert.Equal([middle, tieLarge, tieSmall, far, high], items.Select(p => p.Id));
        var (page, _) = await _queue.PendingAsync(ProposalFilter.None, 1, 2);
        Assert.Equal([tieLarge, tieSmall], page.Select(p => p.Id));
    }

    [Fact]
    public async Task Filters_select_by_kind_country_score_band_and_source()
    {
        var e = await EntitiesAsync();
        var withIreland = await ProposeAsync(e[0], e[2], 0.72);
        var swedish = await ProposeAsync(e[3], e[4], 0.60);
        var person = await ProposeAsync(e[5], e[4], 0.80);
        async Task<IEnumerable<long>> Ids(ProposalFilter f) => (await _queue.PendingAsync(f, 0, 10)).Items.Select(p => p.Id).Order();
        Assert.Equal([withIreland], await Ids(new ProposalFilter(Country: "ie")));
        Assert.Equal([swedish], await Ids(new ProposalFilter(Country: "SE")));
        Assert.Equal([person], await Ids(new ProposalFilter(Kind: "person")));
        Assert.Equal([withIreland, swedish, person], await Ids(new ProposalFilter(Kind: "organisation")));
        Assert.Equal([withIreland, swedish], await Ids(new ProposalFilter(MinScore: 0.6, MaxScore: 0.75)));
        Assert.Equal([person], await Ids(new ProposalFilter(Source: "b.csv")));
        Assert.Empty(await Ids(new ProposalFilter(Country: "SE", Source: "b.csv")));
    }

    [Fact]
    public async Task Accept_keeps_the_older_id_even_when_it_sorts_after_the_newer_one()
    {
        var e = await EntitiesAsync();
        // Ids look random: find an older entity whose id sorts after a newer one's (the old rule kept the smaller id).
        var (older, newer) = (from i in Enumerable.Range(0, e.Length) from j in Enumerable.Range(i + 1, e.Length - i - 1)
                              where string.CompareOrdinal(e[i], e[j]) > 0 && i < 5 && j < 5 select (e[i], e[j])).First();
        var proposal = await ProposeAsync(newer, older, 0.7);
        var decision = await _queue.AcceptAsync(proposal, "ann", "same firm, renamed");
        Assert.Equal(older, decision.SurvivorId);
        Assert.Equal(older, (await _store.ResolveAsync(newer))!.Id);
        var absorbed = await _queue.GetEntityAsync(newer);
        Assert.Equal((EntityStatus.Absorbed, older), (absorbed.Status, absorbed.SurvivorId));
        var history = new List<RegistryEvent>();
        await foreach (var ev in _store.ReadEventsAsync(older)) history.Add(ev);
        Assert.Contains(history, ev => ev.Type == RegistryEventType.Merged && ev.OtherId == newer && ev.Actor == "ann" && ev.Detail.Contains("same firm, renamed"));
        await Assert.ThrowsAsync<ReviewConflictException>(() => _queue.RejectAsync(proposal, "bob", null));
    }

    [Fact]
    public async Task Undo_of_an_accept_gives_the_absorbed_id_back_its_own_variants_only()
    {
        var e = await EntitiesAsync();
        var proposal = await ProposeAsync(e[0], e[1], 0.7);
        var before0 = (await _queue.GetEntityAsync(e[0])).Variants.Select(v => v.Id).ToList();
        var before1 = (await _queue.GetEntityAsync(e[1])).Variants.Select(v => v.Id).ToList();
        var survivor = (await _queue.AcceptAsync(proposal, "ann", null)).SurvivorId;
        Assert.Equal(e[0], survivor); // minted first
        Assert.Null(await _queue.UndoAsync("bob"));
        var undone = await _queue.UndoAsync("ann");
        Assert.Equal((proposal, ReviewDecisionStatus.Undone), (undone!.ProposalId, undone.Status));
        Assert.Equal(before0, (await _queue.GetEntityAsync(e[0])).Variants.Select(v => v.Id));
        Assert.Equal(before1, (await _queue.GetEntityAsync(e[1])).Variants.Select(v => v.Id));
        Assert.Equal(EntityStatus.Active, (await _queue.GetEntityAsync(e[1])).Status);
        Assert.Equal([proposal], (await _queue.PendingAsync(ProposalFilter.None, 0, 10)).Items.Select(p => p.Id));
        var check = await new RegistryVerifier(_store).VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
    }

    [Fact]
    public async Task Skip_hides_a_proposal_from_that_reviewer_only_and_undo_brings_it_back()
    {
        var e = await EntitiesAsync();
        var first = await ProposeAsync(e[3], e[4], 0.70);
        var second = await ProposeAsync(e[1], e[2], 0.60);
        Assert.Equal(first, (await _queue.NextAsync(ProposalFilter.None, "ann"))!.Proposal.Id);
        await _queue.SkipAsync(first, "ann");
        Assert.Equal(second, (await _queue.NextAsync(ProposalFilter.None, "ann"))!.Proposal.Id);
        Assert.Equal(first, (await _queue.NextAsync(ProposalFilter.None, "bob"))!.Proposal.Id);
        Assert.Equal(2, (await _queue.PendingAsync(ProposalFilter.None, 0, 10)).Total);
        await _queue.SkipAsync(second, "ann");
        Assert.Null(await _queue.NextAsync(ProposalFilter.None, "ann"));
        await _queue.UndoAsync("ann");
        Assert.Equal(second, (await _queue.NextAsync(ProposalFilter.None, "ann"))!.Proposal.Id);
    }

    [Fact]
    public async Task A_rejected_pair_gets_a_cannot_link_and_undo_removes_it()
    {
        var e = await EntitiesAsync();
        var proposal = await ProposeAsync(e[1], e[2], 0.6);
        var decision = await _queue.RejectAsync(proposal, "ann", "different firms");
        Assert.Equal((ReviewDecisionStatus.Rejected, "different firms"), (decision.Status, decision.Comment));
        Assert.Single(await _store.GetCannotLinksAsync());
        Assert.Empty((await _queue.PendingAsync(ProposalFilter.None, 0, 10)).Items);
        await _queue.UndoAsync("ann", proposal, "pressed r by mistake");
        Assert.Empty(await _store.GetCannotLinksAsync());
        Assert.Single((await _queue.PendingAsync(ProposalFilter.None, 0, 10)).Items);
    }

    [Fact]
    public async Task Detail_shows_both_entities_the_contributions_and_the_nearest_others()
    {
        var e = await EntitiesAsync();
        var near = await ResolveAsync("Dunmore Foundry Castings Ltd", "IE");
        var proposal = await ProposeAsync(e[0], e[2], 0.72);
        var detail = await _queue.GetDetailAsync(proposal);
        Assert.Equal((e[0], e[2]), (detail.A.Id, detail.B.Id));
        Assert.Equal(2, detail.A.Variants.Count);
        Assert.Equal(2, detail.A.RecordCount);
        Assert.Equal(["GB", "IE"], detail.A.Countries);
        Assert.Equal(["a.csv"], detail.A.Sources);
        Assert.Contains(detail.A.ExampleRecords, x => x.Contains("DUNMORE CASTINGS", StringComparison.OrdinalIgnoreCase));
        Assert.True(detail.A.Created <= detail.B.Created);
        Assert.NotEmpty(detail.Contributions);
        Assert.Contains(detail.Contributions, c => c.Weight < 0); // Dunmore Castings vs Quarrystone Pumps: evidence against
        Assert.DoesNotContain(detail.NearestOthers, c => c.EntityId == e[0] || c.EntityId == e[2]);
        Assert.Contains(detail.NearestOthers, c => c.EntityId == near);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _queue.GetDetailAsync(proposal + 100));
    }

    [Fact]
    public async Task Search_finds_entities_by_name_despite_a_typo()
    {
        var e = await EntitiesAsync();
        var hits = await _queue.SearchEntitiesAsync("dunmore castngs", 5);
        Assert.Equal(e[0], hits[0].Id);
        Assert.Equal(hits.Count, hits.Select(h => h.Id).Distinct().Count());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _queue.GetEntityAsync("L0000000000000XX"));
    }

    [Fact]
    public async Task Rescoring_with_a_new_model_merges_the_clear_matches_rejects_the_clear_non_matches_and_keeps_the_rest()
    {
        var e = await EntitiesAsync();
        var match = await ProposeAsync(e[1], e[2], 0.6);
        var nonMatch = await ProposeAsync(e[3], e[4], 0.75);
        var unsure = await ProposeAsync(e[0], e[3], 0.85);
        var table = new Fixtures.TableScorer([("HARBOUR LANTERN INSTRUMENTS", "QUARRYSTONE PUMPS", 0.99), ("DUNMORE CASTINGS", "SILVERBIRCH ACOUSTICS", 0.7)]);
        var model = await OnlineResolver.CreateAsync(_registry, _normalizer, new ResolutionOptions { NameConflictRules = false }, scorer: table);
        var outcome = await new ReviewQueue(_store, _registry, model).RescorePendingAsync("model:v9");
        Assert.Equal(new RescoreOutcome(3, 1, 1, 1, 0), outcome);
        var decided = (await _store.GetProposalsAsync(null)).ToDictionary(p => p.Id);
        Assert.Equal((ProposalStatus.Accepted, "model:v9"), (decided[match].Status, decided[match].DecidedBy));
        Assert.Equal((ProposalStatus.Rejected, "model:v9"), (decided[nonMatch].Status, decided[nonMatch].DecidedBy));
        Assert.Equal((ProposalStatus.Pending, 0.7), (decided[unsure].Status, decided[unsure].Score));
        Assert.Equal(e[1], (await _store.ResolveAsync(e[2]))!.Id); // minted first, survives
    }
}
