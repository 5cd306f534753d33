using Names.Resolver.Storage;
using Names.Resolver.Storage.Sqlite;

namespace Names.Host.Tests;

/// <summary>`names resolve --id-columns`: rows carrying identifiers (LEI, ORCID ...) as a user sees them in the output, rejects and proposals.</summary>
public class ResolveExternalIdTests
{
    private const string LeiA = "HWUPKR0MPOU8FGXBT394", LeiB = "5493001KJTIIGC8Y1R12";

    private static async Task<List<Dictionary<string, string>>> ResolveAsync(TempDir dir, string file, string csv, params string[] extra)
    {
        var r = await CliRun.RunAsync(["resolve", dir.Write(file, csv), "--id-column", "id", "--id-columns", "lei=LEI", "--db", dir.File("r.db"),
            "--out", dir.File(file + ".out.csv"), "--rejects", dir.File(file + ".rej.csv"), "--seed", "5", .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return CsvRows.Read(dir.File(file + ".out.csv"));
    }

    private static async Task<IReadOnlyList<ReviewProposal>> ProposalsAsync(TempDir dir)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(dir.File("r.db"));
        return await store.GetProposalsAsync(ProposalStatus.Pending);
    }

    [Fact]
    public async Task An_invalid_identifier_sends_its_row_to_the_rejects_with_line_and_reason_and_the_rest_resolve()
    {
        using var dir = new TempDir();
        var rows = await ResolveAsync(dir, "in.csv", $"id,name,LEI\n1,Siemens AG,{LeiA}\n2,Nokia Oyj,5299000000000000XX99\n3,Philips NV,\n");
        Assert.Equal(["1", "3"], rows.Select(r => r["id"]));
        Assert.Equal("lei:" + LeiA, rows[0]["external_ids"]);
        Assert.Equal("", rows[1]["external_ids"]);
        var rejects = File.ReadAllLines(dir.File("in.csv.rej.csv"));
        Assert.Equal(2, rejects.Length);
        Assert.StartsWith("3,", rejects[1]); // line 3 of the file
        Assert.Contains("LEI '5299000000000000XX99'", rejects[1]);
    }

    [Theory]
    [InlineData("nope=LEI", "unknown identifier scheme 'nope'")]
    [InlineData("lei=MISSING", "MISSING")]
    [InlineData("lei", "not scheme=COLUMN")]
    public async Task An_unknown_scheme_or_missing_column_is_a_usage_error(string idColumns, string message)
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("resolve", dir.Write("in.csv", $"name,LEI\nSiemens AG,{LeiA}\n"), "--id-columns", idColumns,
            "--db", dir.File("r.db"), "--out", dir.File("out.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    [Fact]
    public async Task A_row_carrying_a_held_identifier_resolves_to_its_holder_with_score_1()
    {
        using var dir = new TempDir();
        var first = await ResolveAsync(dir, "a.csv", $"id,name,LEI\n1,SIEMENS AKTIENGESELLSCHAFT,{LeiA}\n2,Nokia Oyj,{LeiB}\n");
        Assert.Equal(["new", "new"], first.Select(r => r["resolution"]));
        Assert.Equal("lei:" + LeiB, first[1]["external_ids"]);
        // A name variant, an identical name and a row without identifier
        var second = await ResolveAsync(dir, "b.csv", $"id,name,LEI\n3,Siemens AG,{LeiA}\n4,Nokia Oyj,{LeiB}\n5,Siemens AG Muenchen,\n");
        Assert.Equal(first[0]["global_id"], second[0]["global_id"]);
        Assert.Equal("matched", second[0]["resolution"]);
        Assert.Equal("1.0000", second[0]["match_score"]);
        Assert.Equal(first[1]["global_id"], second[1]["global_id"]);
        Assert.Equal("1.0000", second[1]["match_score"]);
        Assert.Equal("lei:" + LeiA, second[0]["external_ids"]);
        Assert.Empty(await ProposalsAsync(dir));
    }

    [Fact]
    public async Task Entities_holding_different_LEIs_are_never_linked_the_second_becomes_a_review_proposal()
    {
        using var dir = new TempDir();
        var first = await ResolveAsync(dir, "a.csv", $"id,name,LEI\n1,SIEMENS AKTIENGESELLSCHAFT,{LeiA}\n");
        // Same name, other LEI: and a near variant of the name, other LEI
        var second = await ResolveAsync(dir, "b.csv", $"id,name,LEI\n2,SIEMENS AKTIENGESELLSCHAFT,{LeiB}\n");
        Assert.NotEqual(first[0]["global_id"], second[0]["global_id"]);
        Assert.Equal("review", second[0]["resolution"]);
        Assert.Equal("lei:" + LeiB, second[0]["external_ids"]);
        var proposal = Assert.Single(await ProposalsAsync(dir));
        Assert.Equal(new[] { first[0]["global_id"], second[0]["global_id"] }.Order(), new[] { proposal.EntityA, proposal.EntityB }.Order());
        // Without an identifier the name still goes to one of them, not to a third entity.
        var third = await ResolveAsync(dir, "c.csv", "id,name,LEI\n3,Siemens AG,\n");
        Assert.Contains(third[0]["global_id"], new[] { first[0]["global_id"], second[0]["global_id"] });
    }

    [Fact]
    public async Task A_name_matching_an_entity_of_another_LEI_is_not_linked_to_it_but_proposed()
    {
        using var dir = new TempDir();
        // Without identifiers the second name is linked to the first (another name key, scored at the upper threshold).
        var first = await ResolveAsync(dir, "a.csv", $"id,name,country,LEI\n1,Quellbach Pumpenwerke GmbH,DE,{LeiA}\n", "--country-column", "country");
        var second = await ResolveAsync(dir, "b.csv", $"id,name,country,LEI\n2,Quellbach Pumpenwerk GmbH,DE,{LeiB}\n", "--country-column", "country");
        Assert.NotEqual(first[0]["global_id"], second[0]["global_id"]);
        Assert.Equal(("review", "lei:" + LeiB), (second[0]["resolution"], second[0]["external_ids"]));
        var proposal = Assert.Single(await ProposalsAsync(dir));
        Assert.Equal(new[] { first[0]["global_id"], second[0]["global_id"] }.Order(), new[] { proposal.EntityA, proposal.EntityB }.Order());
    }

    [Fact]
    public async Task An_identifier_contradicting_the_name_makes_a_review_proposal_not_a_link()
    {
        using var dir = new TempDir();
        var first = await ResolveAsync(dir, "a.csv", $"id,name,LEI\n1,SIEMENS AKTIENGESELLSCHAFT,{LeiA}\n");
        var second = await ResolveAsync(dir, "b.csv", $"id,name,LEI\n2,Koninklijke Philips Electronics NV,{LeiA}\n");
        Assert.NotEqual(first[0]["global_id"], second[0]["global_id"]);
        Assert.Equal("review", second[0]["resolution"]);
        Assert.Equal("", second[0]["external_ids"]); // the LEI stays with its holder
        var proposal = Assert.Single(await ProposalsAsync(dir));
        Assert.Contains("same LEI as " + first[0]["global_id"], proposal.Explanation);
    }
}
