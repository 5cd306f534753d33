using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;

namespace Names.Host.Tests;

/// <summary>`names review list | accept | reject | skip | undo` on a registry made by `names resolve`.</summary>
public class ReviewCommandTests
{
    /// <summary>SILVER LAKE INTERNATIONAL is SILVER LAKE plus a word: capped at review by the name rules, so one proposal.</summary>
    private const string Input =
        "id,name,country\n" +
        "1,Silver Lake Ltd,GB\n" +
        "2,Silver Lake International Ltd,GB\n" +
        "3,Quarrystone Pumps Inc,US\n";

    private static async Task<(string Db, string In)> ResolvedAsync(TempDir dir)
    {
        var input = dir.Write("in.csv", Input);
        var db = dir.File("r.db");
        var r = await CliRun.RunAsync("resolve", input, "--country-column", "country", "--id-column", "id", "--db", db, "--out", dir.File("out.csv"), "--seed", "5");
        Assert.Equal(0, r.ExitCode);
        return (db, input);
    }

    private static async Task<ReviewProposal> OnlyProposalAsync(string db)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(db);
        return Assert.Single(await store.GetProposalsAsync(null));
    }

    [Fact]
    public async Task List_shows_the_pending_proposal_with_both_names_and_filters_it()
    {
        using var dir = new TempDir();
        var (db, _) = await ResolvedAsync(dir);
        var proposal = await OnlyProposalAsync(db);
        var list = await CliRun.RunAsync("review", "list", "--db", db);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0]);
        Assert.StartsWith(proposal.Id + " ", lines[1]);
        Assert.Contains("Silver Lake Ltd", lines[1]);
        Assert.Contains("Silver Lake International Ltd", lines[1]);
        Assert.Contains("1 of 1 pending", list.Stderr);
        var filtered = await CliRun.RunAsync("review", "list", "--db", db, "--country", "US");
        Assert.Single(filtered.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // header only
        Assert.Contains("no pending proposal", filtered.Stderr);
        Assert.Equal(2, (await CliRun.RunAsync("review", "list", "--db", db, "--limit", "0")).ExitCode);
        Assert.Equal(1, (await CliRun.RunAsync("review", "list", "--db", dir.File("missing.db"))).ExitCode);
    }

    [Fact]
    public async Task Reject_records_a_cannot_link_and_a_later_resolve_of_the_same_input_proposes_nothing()
    {
        using var dir = new TempDir();
        var (db, input) = await ResolvedAsync(dir);
        var proposal = await OnlyProposalAsync(db);
        var r = await CliRun.RunAsync("review", "reject", proposal.Id.ToString(), "--db", db, "--reviewer", "ann", "--comment", "different firms");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("rejected", r.Stdout);
        await using (var store = await SqliteRegistryStore.OpenAsync(db))
        {
            var link = Assert.Single(await store.GetCannotLinksAsync());
            Assert.Equal(new[] { proposal.EntityA, proposal.EntityB }.Order(StringComparer.Ordinal), [link.A, link.B]);
            var history = new List<RegistryEvent>();
            await foreach (var e in store.ReadEventsAsync(proposal.EntityB)) history.Add(e);
            Assert.Contains(history, e => e.Actor == "cli:ann" && e.Detail.Contains("different firms"));
        }
        var again = await CliRun.RunAsync("resolve", input, "--country-column", "country", "--id-column", "id", "--db", db, "--out", dir.File("again.csv"));
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain(CsvRows.Read(dir.File("again.csv")), row => row["resolution"] == "review");
        Assert.Equal(ProposalStatus.Rejected, (await OnlyProposalAsync(db)).Status);
        // Deciding it again is refused (exit 1); an unknown proposal is a usage error (exit 2).
        Assert.Equal(1, (await CliRun.RunAsync("review", "accept", proposal.Id.ToString(), "--db", db)).ExitCode);
        Assert.Equal(2, (await CliRun.RunAsync("review", "accept", "9999", "--db", db)).ExitCode);
    }

    [Fact]
    public async Task Accept_keeps_the_older_id_and_undo_restores_both_entities()
    {
        using var dir = new TempDir();
        var (db, _) = await ResolvedAsync(dir);
        var rows = CsvRows.Read(dir.File("out.csv"));
        var (older, newer) = (rows[0]["global_id"], rows[1]["global_id"]);
        var proposal = await OnlyProposalAsync(db);
        var accepted = await CliRun.RunAsync("review", "accept", proposal.Id.ToString(), "--db", db, "--reviewer", "ann");
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains($"{older} survives", accepted.Stdout);
        await using (var store = await SqliteRegistryStore.OpenAsync(db))
            Assert.Equal(older, (await store.ResolveAsync(newer))!.Id);
        Assert.Equal(1, (await CliRun.RunAsync("review", "undo", "--db", db, "--reviewer", "bob")).ExitCode); // bob decided nothing
        var undone = await CliRun.RunAsync("review", "undo", "--db", db, "--reviewer", "ann", "--comment", "too hasty");
        Assert.Equal(0, undone.ExitCode);
        await using (var store = await SqliteRegistryStore.OpenAsync(db))
        {
            Assert.Equal(newer, (await store.ResolveAsync(newer))!.Id);
            Assert.Single(await store.GetVariantsOfEntityAsync(newer));
            Assert.Equal(ProposalStatus.Pending, (await store.GetProposalAsync(proposal.Id))!.Status);
        }
        Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", db)).ExitCode);
        var skip = await CliRun.RunAsync("review", "skip", proposal.Id.ToString(), "--db", db, "--reviewer", "ann");
        Assert.Equal((0, true), (skip.ExitCode, skip.Stdout.Contains("skipped")));
    }

    [Fact]
    public async Task Train_rescores_pending_proposals_and_resolves_the_clear_ones_as_the_model()
    {
        using var dir = new TempDir();
        var (db, _) = await ResolvedAsync(dir);
        var proposal = await OnlyProposalAsync(db);
        // Labelled pairs saying that a name plus a word is another firm, while spelling variants are the same firm.
        var words = new[] { "Amber", "Birch", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Indigo", "Juniper", "Kestrel", "Lumen" };
        var labels = "name1,name2,is_match\n" + string.Concat(words.Select(w =>
            $"{w} Valley Ltd,{w} Valley International Ltd,0\n{w} Valley Ltd,{w} Valley Group Ltd,0\n{w} Valley Ltd,{w.ToUpperInvariant()} VALLEY LIMITED,1\n{w} Valley Ltd,{w} Vally Ltd,1\n"));
        var train = await CliRun.RunAsync("train", "--db", db, "--labels", dir.Write("labels.csv", labels));
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("pending re-scored  1: merged 0, cannot-linked 1, still pending 0 (recorded as model:v1)", train.Stderr);
        await using var store = await SqliteRegistryStore.OpenAsync(db);
        var decided = (await store.GetProposalAsync(proposal.Id))!;
        Assert.Equal((ProposalStatus.Rejected, "model:v1"), (decided.Status, decided.DecidedBy));
        Assert.Single(await store.GetCannotLinksAsync());
    }

    [Fact]
    public async Task Train_refuses_too_few_decisions_and_learns_from_decisions_with_labels_which_later_runs_use()
    {
        using var dir = new TempDir();
        var (db, input) = await ResolvedAsync(dir);
        var proposal = await OnlyProposalAsync(db);
        Assert.Equal(2, (await CliRun.RunAsync("train", "--db", db)).ExitCode); // no decision yet: nothing to learn from
        Assert.Equal(0, (await CliRun.RunAsync("review", "reject", proposal.Id.ToString(), "--db", db, "--reviewer", "ann")).ExitCode);
        var few = await CliRun.RunAsync("train", "--db", db);
        Assert.Equal(2, few.ExitCode);
        Assert.Contains("1 labelled pairs are too few", few.Stderr);
        await using (var store = await SqliteRegistryStore.OpenAsync(db))
            Assert.Null(await store.GetLatestModelAsync(null));
        var words = new[] { "Amber", "Birch", "Cobalt", "Delta", "Ember", "Falcon" };
        var labels = "name1,name2,is_match\n" + string.Concat(words.Select(w =>
            $"{w} Valley Ltd,{w} Valley International Ltd,0\n{w} Valley Ltd,{w} Valley Group Ltd,0\n{w} Valley Ltd,{w.ToUpperInvariant()} VALLEY LIMITED,1\n{w} Valley Ltd,{w} Vally Ltd,1\n"));
        var train = await CliRun.RunAsync("train", "--db", db, "--labels", dir.Write("labels.csv", labels));
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("boosted_trees v1", train.Stderr);
        Assert.Contains("24 labelled pairs of labels.csv and 1 reviewers' decisions, on fellegi_sunter", train.Stderr);
        var again = await CliRun.RunAsync("resolve", input, "--country-column", "country", "--id-column", "id", "--db", db, "--out", dir.File("again.csv"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("boosted_trees v1 from the registry", again.Stderr);
    }
}
