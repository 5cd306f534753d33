using Names.Normalization.Pipeline;

namespace Names.Normalization.Tests;

/// <summary>Parties share one rule-id list per distinct sequence; a shared list never stands for another sequence.</summary>
public class FiredRuleListsTests
{
    [Fact]
    public void Same_sequence_shares_one_list_and_other_sequences_keep_their_own_order()
    {
        var lists = new FiredRuleLists();
        var a = lists.Get(new List<string> { "R1", "R2", "R16", "R23" });
        var again = lists.Get(new List<string> { "R1", "R2", "R16", "R23" });
        var reordered = lists.Get(new List<string> { "R1", "R16", "R2", "R23" });
        var shorter = lists.Get(new List<string> { "R1", "R2", "R16" });
        Assert.Same(a, again);
        Assert.Equal(new[] { "R1", "R2", "R16", "R23" }, a);
        Assert.Equal(new[] { "R1", "R16", "R2", "R23" }, reordered);
        Assert.Equal(new[] { "R1", "R2", "R16" }, shorter);
    }

    [Fact]
    public void Parties_report_the_rules_that_fired_for_them()
    {
        var person = Shared.One("Dr. Hans Müller", "DE", "person");
        var company = Shared.One("Siemens Aktiengesellschaft", "DE");
        Assert.Contains("R17", person.Rules);
        Assert.DoesNotContain("R9", person.Rules);
        Assert.Contains("R9", company.Rules);
        Assert.DoesNotContain("R17", company.Rules);
    }

    [Fact]
    public async Task Normaliser_created_for_bulk_runs_gives_the_same_parties()
    {
        using var bulk = await NameNormalizer.CreateDefaultAsync();
        foreach (var name in new[] { "株式会社 東芝", "주식회사 삼성전자", "ООО Газпром", "Müller GmbH & Co. KG; Smith, John" })
        {
            var expected = Shared.Normalizer.Normalize(new NameInput(name));
            var actual = bulk.Normalize(new NameInput(name));
            Assert.Equal(expected.Select(p => (p.NameKey, p.RomanizedName, p.Kind)), actual.Select(p => (p.NameKey, p.RomanizedName, p.Kind)));
        }
    }
}
