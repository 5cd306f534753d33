using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Comparison;
using Names.Resolver.Registry;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;

namespace Names.Resolver.Tests;

/// <summary>
/// The cluster-level pass: an entity minted in a chunk whose first row shares no context with an existing entity, but whose
/// rows together share much, is folded into it when the names share rare words and the legal form agrees.
/// </summary>
public sealed class ClusterLevelMergeTests
{
    // Hand-set weights: sharing rare words or co-applicants is strong evidence, a first row alone is not enough.
    private static FellegiSunterModel Model() => new(
        new ComparisonSet([new RareTokenOverlapFeature(), new LegalFormFeature(), new ContextOverlapFeature("coauthor")]),
        lambda: 0.1,
        m: [[0.05, 0.25, 0.2, 0.2, 0.3], [0.1, 0.9], [0.2, 0.4, 0.4]],
        u: [[0.9, 0.05, 0.03, 0.01, 0.01], [0.5, 0.5], [0.98, 0.015, 0.005]]);

    private static ResolveInput Row(string name, string coauthors, int row) =>
        new(name, Row: row, Context: new Dictionary<string, string> { ["coauthor"] = coauthors });

    private static List<ResolveInput> Rows(string oldNameForm) =>
    [
        Row("ACME LAMP ELECTRONICS N.V.", "JAN DE VRIES**PIET BAKKER**ANNA SMIT", 1),
        Row("ACME LAMP ELECTRONICS N.V.", "KEES JANSEN**ANNA SMIT", 2),
        Row("ACME LAMP ELECTRONICS N.V.", "EVA MULDER**KEES JANSEN", 3),
        Row("ACME LAMP " + oldNameForm, "TOM HENDRIKS", 4), // first row of the old name: no co-applicant in common
        Row("ACME LAMP " + oldNameForm, "JAN DE VRIES**PIET BAKKER", 5),
        Row("ACME LAMP " + oldNameForm, "ANNA SMIT**KEES JANSEN**EVA MULDER", 6),
    ];

    private static async Task<(IReadOnlyList<ResolvedParty> Results, SqliteRegistryStore Store)> ResolveAsync(List<ResolveInput> rows, bool clusterLevel)
    {
        var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { ClusterLevelMerge = clusterLevel }, Model());
        return (await engine.ResolveAllAsync(rows), store);
    }

    [Fact]
    public async Task Old_name_whose_rows_share_co_applicants_joins_the_entity()
    {
        var (withoutPass, s1) = await ResolveAsync(Rows("N.V."), clusterLevel: false);
        await using (s1) Assert.True(2 == withoutPass.Select(r => r.GlobalId).Distinct().Count(), string.Join("\n", withoutPass.Select(r => r.NameKey + " " + r.Party.LegalForm + " " + r.Explanation)));

        var (results, store) = await ResolveAsync(Rows("N.V."), clusterLevel: true);
        await using (store)
        {
            Assert.True(1 == results.Select(r => r.GlobalId).Distinct().Count(), string.Join("\n", results.Select(r => r.NameKey + " " + r.Party.LegalForm + " " + r.Explanation)));
            var first = results.Single(r => r.Input.Row == 4);
            Assert.Equal("matched", first.Resolution);
            Assert.StartsWith("cluster-level", first.Explanation);
            Assert.Equal("ACME LAMP ELECTRONICS N.V.", first.CanonicalName);
            var check = await new RegistryVerifier(store).VerifyAsync();
            Assert.True(check.Ok, string.Join("; ", check.Problems));
            Assert.Equal(1, check.Entities);
        }
    }

    [Fact]
    public async Task A_different_legal_form_keeps_a_sister_company_apart()
    {
        var (results, store) = await ResolveAsync(Rows("B.V."), clusterLevel: true);
        await using (store) Assert.Equal(2, results.Select(r => r.GlobalId).Distinct().Count());
    }
}
