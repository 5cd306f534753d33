using Names.Normalization;
using Names.Resolver.Resolution;
using Names.Resolver.Review;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Registry;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

public sealed class ResolutionEngineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-engine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string NewPath() => Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");

    private static ResolveInput Org(string name, long row = 0) => new(name, Kind: "legal_entity", Row: row);

    /// <summary>
    /// Scripted scores test the engine's mechanics (anti-chaining, proposals, review operations) on their own: the name
    /// conflict rules, which would override those scores, are tested separately.
    /// </summary>
    internal static readonly ResolutionOptions ScriptedOptions = new() { NameConflictRules = false };

    private static async Task<IReadOnlyList<ResolvedParty>> Run(IRegistryStore store, IEnumerable<ResolveInput> rows, IPairScorer? scorer = null, ResolutionOptions? options = null)
    {
        var engine = await ResolutionEngine.OpenAsync(store, options, scorer);
        return await engine.ResolveAllAsync(rows);
    }

    private static readonly string[] Companies =
    [
        "Akzo Nobel N.V.", "AKZO NOBEL NV", "Akzo-Nobel", "Koninklijke Philips Electronics N.V.", "KONINKLIJKE PHILIPS ELECTRONICS NV",
        "Royal Dutch Shell plc", "SHELL INTERNATIONALE RESEARCH MAATSCHAPPIJ B.V.", "Unilever N.V.", "UNILEVER NV", "DSM IP ASSETS B.V.",
        "DSM IP ASSESTS BV", "ASML Netherlands B.V.",
    ];

    [Fact]
    public async Task Variants_of_one_company_share_an_id_and_different_companies_do_not()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        var r = await Run(store, Companies.Select((c, i) => Org(c, i)));
        Assert.Equal(r[0].GlobalId, r[1].GlobalId);
        Assert.Equal(r[0].GlobalId, r[2].GlobalId);
        Assert.Equal(r[3].GlobalId, r[4].GlobalId);
        Assert.Equal(r[7].GlobalId, r[8].GlobalId);
        Assert.Equal(r[9].GlobalId, r[10].GlobalId);
        Assert.NotEqual(r[5].GlobalId, r[6].GlobalId); // Shell plc and its research subsidiary are different legal entities
        Assert.Equal(7, r.Select(x => x.GlobalId).Distinct().Count());
        Assert.NotEqual(r[0].GlobalId, r[3].GlobalId);
        Assert.All(r, x => Assert.StartsWith("L", x.GlobalId));
        Assert.Equal(ResolutionKind.New, r[0].Resolution);
        Assert.Equal(ResolutionKind.Matched, r[1].Resolution);
        Assert.True(r[1].MatchScore >= 0.9);
        Assert.Equal("Akzo Nobel N.V.", r[2].CanonicalName);
    }

    [Fact]
    public async Task Each_variant_keeps_its_raw_input_field_verbatim_and_split_parties_keep_the_whole_field()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        const string injection = "'; DROP TABLE entities;--  Quillfeather Instruments GmbH";
        const string several = "  ALPHA ZYMOTECH GMBH; BETA QUORVEX AG ";
        var r = await Run(store, [Org(injection, 1), Org(several, 2)]);
        Assert.Equal(3, r.Count); // R15: the second field holds two parties

        var variants = new List<VariantRecord>();
        await foreach (var v in store.ReadVariantsAsync()) variants.Add(v);
        Assert.Equal(3, variants.Count);
        Assert.Equal(injection, variants.Single(v => v.SourceRow == 1).RawName);
        Assert.NotEqual(injection, variants.Single(v => v.SourceRow == 1).DisplayName); // cleaned, the raw text is kept beside it
        Assert.All(variants.Where(v => v.SourceRow == 2), v => Assert.Equal(several, v.RawName));
        Assert.Equal(2, variants.Where(v => v.SourceRow == 2).Select(v => v.EntityId).Distinct().Count());
    }

    [Fact]
    public async Task The_service_lookup_finds_the_entity_of_a_bulk_resolved_variant_without_writing()
    {
        var path = NewPath();
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        var r = await Run(store, Companies.Select((c, i) => Org(c, i)));
        var events = await store.CountEventsAsync();
        await using var registry = await SqliteOnlineRegistry.OpenAsync(path);
        using var normalizer = NameNormalizer.CreateDefault();
        var online = await OnlineResolver.CreateAsync(registry, normalizer);
        var hits = (await online.LookupAsync(new NameInput("AKZO-NOBEL N.V.", KindHint: "legal_entity"), 5)).Single().Candidates;
        Assert.Equal(r[0].GlobalId, hits[0].EntityId);
        var typo = (await online.LookupAsync(new NameInput("Koninklijke Philips Electronic N.V.", KindHint: "legal_entity"), 5)).Single().Candidates;
        Assert.Equal(r[3].GlobalId, typo[0].EntityId);
        Assert.True(typo[0].Probability > 0.5);
        Assert.Equal(events, await store.CountEventsAsync());
    }

    [Fact]
    public async Task The_latest_stored_model_is_used_when_none_is_given()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        var lr = new Names.Resolver.Scoring.LogisticRegressionModel(Names.Resolver.Comparison.ComparisonSet.CreateDefault(), -2,
            Names.Resolver.Comparison.ComparisonSet.CreateDefault().Features.Select(f => new double[f.Levels.Count]).ToArray());
        var version = await PairScorerSerializer.SaveAsync(store, lr, "test");
        Assert.True(version > 0);
        var engine = await ResolutionEngine.OpenAsync(store);
        Assert.Equal(Names.Resolver.Scoring.LogisticRegressionModel.KindName, engine.Scorer.Kind);
    }

    [Fact]
    public async Task Re_running_the_same_input_changes_nothing()
    {
        var path = NewPath();
        IReadOnlyList<ResolvedParty> first, second;
        long eventsAfterFirst;
        await using (var store = await SqliteRegistryStore.OpenAsync(path))
        {
            first = await Run(store, Companies.Select((c, i) => Org(c, i)));
            eventsAfterFirst = await store.CountEventsAsync();
        }
        await using (var store = await SqliteRegistryStore.OpenAsync(path))
        {
            var engine = await ResolutionEngine.OpenAsync(store);
            second = await engine.ResolveAllAsync(Companies.Select((c, i) => Org(c, i)));
            Assert.Equal(eventsAfterFirst, await store.CountEventsAsync());
            Assert.Equal(0, engine.Statistics.NewEntities);
            Assert.Equal(0, engine.Statistics.NewVariants);
            Assert.True((await new RegistryVerifier(store).VerifyAsync()).Ok);
        }
        Assert.Equal(first.Select(x => x.GlobalId), second.Select(x => x.GlobalId));
        Assert.All(second, x => Assert.Equal(ResolutionKind.Matched, x.Resolution));
    }

    [Fact]
    public async Task A_fresh_registry_with_the_same_seed_issues_the_same_ids()
    {
        async Task<List<string>> Ids(ulong seed)
        {
            await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
            return (await Run(store, Companies.Select((c, i) => Org(c, i)), options: new ResolutionOptions { Seed = seed })).Select(x => x.GlobalId).ToList();
        }
        var a = await Ids(7);
        Assert.Equal(a, await Ids(7));
        Assert.Empty(a.Intersect(await Ids(8)));
    }

    [Fact]
    public async Task A_person_is_never_linked_to_a_legal_entity()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        var scorer = new TableScorer([("SMITH JOHN", "JOHN SMITH", 0.99)]);
        var r = await Run(store, [new ResolveInput("John Smith", Kind: "legal_entity"), new ResolveInput("Smith, John", Kind: "person")], scorer);
        Assert.NotEqual(r[0].GlobalId, r[1].GlobalId);
        Assert.Equal("legal_entity", r[0].EntityKind);
        Assert.Equal("person", r[1].EntityKind);
        Assert.StartsWith("P", r[1].GlobalId);
        Assert.StartsWith("L", r[0].GlobalId);
    }

    [Fact]
    public async Task Hard_rules_veto_links_whatever_the_model_says()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        // The model would link both pairs; numbers disagree in one, given names conflict in the other.
        var scorer = new TableScorer([("PLANT 12", "PLANT 13", 0.99), ("SMITH JOHN", "SMITH MARY", 0.99), ("SMITH JOHN", "SMITH J", 0.99)]);
        var r = await Run(store, [Org("Plant 12"), Org("Plant 13"), new ResolveInput("Smith, John", Kind: "person"),
            new ResolveInput("Smith, Mary", Kind: "person"), new ResolveInput("Smith, J.", Kind: "person")], scorer);
        Assert.NotEqual(r[0].GlobalId, r[1].GlobalId);
        Assert.NotEqual(r[2].GlobalId, r[3].GlobalId);
        Assert.Equal(r[2].GlobalId, r[4].GlobalId); // an initial is compatible
    }

    [Fact]
    public async Task Chaining_is_resisted_when_the_ends_clearly_differ()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        // A~B and B~C are strong, A and C clearly differ: C must not join A's entity through B.
        var scorer = new TableScorer([("NORTH STAR", "NORTH STAR LIGHT", 0.99), ("NORTH STAR LIGHT", "STAR LIGHT", 0.99)]);
        var r = await Run(store, [Org("North Star"), Org("North Star Light"), Org("Star Light")], scorer, ScriptedOptions);
        Assert.Equal(r[0].GlobalId, r[1].GlobalId);
        Assert.NotEqual(r[0].GlobalId, r[2].GlobalId);
        Assert.Equal(ResolutionKind.Review, r[2].Resolution); // the B~C evidence is kept for a reviewer
        var proposal = Assert.Single(await store.GetProposalsAsync(ProposalStatus.Pending));
        // The run's own explanation is kept with the proposal, feature by feature (the table scorer has one feature).
        var contribution = Assert.Single(proposal.Contributions!);
        Assert.Equal("table", contribution.Feature);
        Assert.Contains($"table table ({contribution.Weight:+0.0;-0.0})", proposal.Explanation);
    }

    [Fact]
    public async Task Existing_entities_are_never_merged_silently_and_cannot_links_are_honoured()
    {
        var path = NewPath();
        var scorer = new TableScorer([("ALPHA OMEGA", "ALPHA", 0.99), ("ALPHA OMEGA", "OMEGA", 0.99), ("ALPHA BETA", "ALPHA", 0.99), ("ALPHA BETA", "BETA", 0.99)]);
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        var first = await Run(store, [Org("Alpha"), Org("Omega"), Org("Beta")], scorer, ScriptedOptions);
        Assert.Equal(3, first.Select(x => x.GlobalId).Distinct().Count());
        await store.AddCannotLinkAsync(first[0].GlobalId, first[2].GlobalId, "analyst", "different firms");

        var second = await Run(store, [Org("Alpha Omega"), Org("Alpha Beta")], scorer, ScriptedOptions);
        Assert.Equal(ResolutionKind.Matched, second[0].Resolution);
        Assert.Contains(second[0].GlobalId, new[] { first[0].GlobalId, first[1].GlobalId });
        foreach (var e in first) Assert.Equal(EntityStatus.Active, (await store.GetEntityAsync(e.GlobalId))!.Status);
        var proposals = await store.GetProposalsAsync(ProposalStatus.Pending);
        var pair = proposals.Select(p => new HashSet<string> { p.EntityA, p.EntityB }).ToList();
        Assert.Contains(pair, p => p.SetEquals([first[0].GlobalId, first[1].GlobalId]));
        Assert.DoesNotContain(pair, p => p.SetEquals([first[0].GlobalId, first[2].GlobalId])); // cannot-link: no proposal
    }

    [Fact]
    public async Task After_a_merge_known_variants_resolve_to_the_survivor()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        var scorer = new TableScorer([]);
        var first = await Run(store, [Org("Gist Brocades"), Org("Gistbrocades Holland")], scorer);
        Assert.NotEqual(first[0].GlobalId, first[1].GlobalId);
        await ReviewedMerge.MergeAsync(store, first[0].GlobalId, first[1].GlobalId, "analyst");
        var again = await Run(store, [Org("Gistbrocades Holland")], scorer);
        Assert.Equal(first[0].GlobalId, again[0].GlobalId);
        Assert.Equal(first[0].GlobalId, (await store.ResolveAsync(first[1].GlobalId))!.Id);
        var check = await new RegistryVerifier(store).VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
        Assert.Equal(2, check.IdsIssued);
    }

    [Fact]
    public async Task Unusable_names_are_rejected_without_an_id()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(NewPath());
        var r = await Run(store, [Org("---"), Org("")]);
        Assert.All(r, x => Assert.Equal(ResolutionKind.Rejected, x.Resolution));
        Assert.All(r, x => Assert.Equal("", x.GlobalId));
        Assert.Empty(await store.GetVariantsOfEntityAsync("none"));
    }
}

/// <summary>A reviewer's decisions on a bulk run's proposals (through the review queue, as the service and `names review` take them) and the next run.</summary>
public sealed class ReviewOperationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-review-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<T> ReviewAsync<T>(string path, Func<ReviewQueue, IRegistryStore, Task<T>> work)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        await using var registry = await SqliteOnlineRegistry.OpenAsync(path);
        using var normalizer = NameNormalizer.CreateDefault();
        var queue = new ReviewQueue(store, registry, await OnlineResolver.CreateAsync(registry, normalizer));
        return await work(queue, store);
    }

    private static async Task<IReadOnlyList<ResolvedParty>> RunAsync(string path, IPairScorer scorer, IEnumerable<ResolveInput> rows, ResolutionOptions? options = null)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        var engine = await ResolutionEngine.OpenAsync(store, options ?? ResolutionEngineTests.ScriptedOptions, scorer);
        return await engine.ResolveAllAsync(rows);
    }

    [Fact]
    public async Task Accepting_a_proposal_merges_keeping_the_older_id_and_later_rows_resolve_to_the_survivor()
    {
        var path = Path.Combine(_dir, "r.db");
        var scorer = new TableScorer([("ZETA NORTH", "ZETA SOUTH", 0.7)]);
        // A seed whose first id sorts after its second: the older id must survive all the same (not the smaller one).
        var seed = Enumerable.Range(1, 100).Select(s => (ulong)s).First(s =>
        {
            var minter = new Names.Resolver.Identifiers.IdMinter(s);
            return string.CompareOrdinal(minter.Mint('L'), minter.Mint('L')) > 0;
        });
        var r = await RunAsync(path, scorer, [new ResolveInput("Zeta North", Kind: "legal_entity"), new ResolveInput("Zeta South", Kind: "legal_entity")],
            ResolutionEngineTests.ScriptedOptions with { Seed = seed });
        Assert.Equal(ResolutionKind.Review, r[1].Resolution);
        Assert.True(string.CompareOrdinal(r[0].GlobalId, r[1].GlobalId) > 0);
        var survivor = await ReviewAsync(path, async (queue, store) =>
        {
            var proposal = Assert.Single(await store.GetProposalsAsync(ProposalStatus.Pending));
            return (await queue.AcceptAsync(proposal.Id, "analyst", null)).SurvivorId;
        });
        Assert.Equal(r[0].GlobalId, survivor);
        var again = await RunAsync(path, scorer, [new ResolveInput("Zeta South", Kind: "legal_entity"), new ResolveInput("Zeta North", Kind: "legal_entity")]);
        Assert.All(again, x => Assert.Equal(survivor, x.GlobalId));
        await using var check = await SqliteRegistryStore.OpenAsync(path);
        Assert.True((await new RegistryVerifier(check).VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Split_mints_a_new_id_that_stays_apart_through_a_cannot_link()
    {
        var path = Path.Combine(_dir, "s.db");
        var scorer = new TableScorer([("ACME", "ACME WIDGETS", 0.99)]);
        var r = await RunAsync(path, scorer, [new ResolveInput("Acme", Kind: "legal_entity"), new ResolveInput("Acme Widgets", Kind: "legal_entity")]);
        Assert.Equal(r[0].GlobalId, r[1].GlobalId);
        var newId = await ReviewAsync(path, async (queue, store) =>
        {
            var leaving = (await store.GetVariantsOfEntityAsync(r[0].GlobalId)).Single(v => v.NameKey == "ACME WIDGETS");
            return await queue.SplitAsync(r[0].GlobalId, [leaving.Id], "analyst", "different firm");
        });
        Assert.True(Names.Resolver.Identifiers.GlobalId.IsValid(newId));
        var after = await RunAsync(path, scorer, [new ResolveInput("Acme Widgets", Kind: "legal_entity")]);
        Assert.Equal(newId, after[0].GlobalId);
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        Assert.Contains(await store.GetCannotLinksAsync(), p => new[] { p.A, p.B }.Order().SequenceEqual(new[] { r[0].GlobalId, newId }.Order()));
        var check = await new RegistryVerifier(store).VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
    }

    [Fact]
    public async Task Rejecting_a_proposal_records_a_cannot_link_and_it_is_not_proposed_again()
    {
        var path = Path.Combine(_dir, "j.db");
        var scorer = new TableScorer([("ZETA NORTH", "ZETA SOUTH", 0.7), ("ZETA NORTH", "ZETA SOUTH X", 0.99), ("ZETA SOUTH", "ZETA SOUTH X", 0.99)]);
        await RunAsync(path, scorer, [new ResolveInput("Zeta North", Kind: "legal_entity"), new ResolveInput("Zeta South", Kind: "legal_entity")]);
        await ReviewAsync(path, async (queue, store) =>
        {
            var proposal = Assert.Single(await store.GetProposalsAsync(ProposalStatus.Pending));
            return await queue.RejectAsync(proposal.Id, "analyst", null);
        });
        // New evidence linking the two again must not create a new proposal for the rejected pair.
        await RunAsync(path, scorer, [new ResolveInput("Zeta South X", Kind: "legal_entity")]);
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        Assert.Single(await store.GetCannotLinksAsync());
        Assert.Empty(await store.GetProposalsAsync(ProposalStatus.Pending));
        Assert.Equal(ProposalStatus.Rejected, Assert.Single(await store.GetProposalsAsync(null)).Status);
    }
}
