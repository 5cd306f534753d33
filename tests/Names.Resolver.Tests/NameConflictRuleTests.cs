using Names.Resolver.Storage.Sqlite;
using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

public sealed class NameConflictRuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-conflict-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TokenStatistics Stats = new();

    private static NameRecord Org(string key, string legalForm = "", string elf = "", string country = "DE") =>
        new(EntityKind.LegalEntity, key, key.Replace(" ", ""), "", country, legalForm, elfCode: elf);

    private static NameRecord Romanised(string key) => new(EntityKind.LegalEntity, key, key, "", "KR", romanizedName: key.ToLowerInvariant());

    private static NameRecord RomanisedPerson(string key) => new(EntityKind.Person, key, key.Replace(" ", ""), "", "KR", romanizedName: key.ToLowerInvariant());

    private static NameRecord Person(string key) => new(EntityKind.Person, key, key.Replace(" ", ""), "", "");

    [Fact]
    public void Organisation_words_relate_as_same_subset_or_conflict()
    {
        Assert.Equal(WordSetRelationKind.Same, WordSetRelation.Classify(Org("SILVER LAKE INDUS"), Org("SILVER LAKE INDUSTRIES"), Stats));
        Assert.Equal(WordSetRelationKind.Same, WordSetRelation.Classify(Org("WEISSWASESR"), Org("WEISSWASSER"), Stats));
        Assert.Equal(WordSetRelationKind.Same, WordSetRelation.Classify(Org("NV PHILIPS"), Org("NVPHILIPS"), Stats));
        Assert.Equal(WordSetRelationKind.Subset, WordSetRelation.Classify(Org("LIBERTY"), Org("LIBERTY INTERNATIONAL"), Stats));
        Assert.Equal(WordSetRelationKind.Conflict, WordSetRelation.Classify(Org("SILVER LAKE APEX"), Org("SILVER LAKE SEMICONDUCTOR"), Stats));
        Assert.Equal(WordSetRelationKind.Conflict, WordSetRelation.Classify(Org("ATLANTIQUE ETOILE TECHNOLOGY"), Org("ATLANTIQUE SYSTEMS"), Stats));
        Assert.Equal(WordSetRelationKind.NotComparable, WordSetRelation.Classify(Person("SMITH JOHN"), Person("SMITH MARY"), Stats));
        // Romanised from another script: glued words are other words, not abbreviations or typos.
        Assert.Equal(WordSetRelationKind.Subset, WordSetRelation.Classify(Romanised("HANBICH"), Romanised("HANBICHJEONJA"), Stats));
        Assert.Equal(WordSetRelationKind.Conflict, WordSetRelation.Classify(Romanised("DONGFANGJIXIE"), Romanised("DONGFANGKEJI"), Stats));
    }

    [Fact]
    public void Persons_conflict_on_family_names_and_unmatched_given_names_but_not_on_order_typos_or_initials()
    {
        Assert.True(PersonNameConflict.Between(Person("WANG JIANHUA"), Person("ZHAO JIANHUA")));
        Assert.True(PersonNameConflict.Between(Person("MOORE JAMES"), Person("ANDERSON JAMES")));
        Assert.True(PersonNameConflict.Between(Person("ZHANG WEI"), Person("ZHANG JIE")));
        Assert.True(PersonNameConflict.Between(Person("JONES MARY"), Person("JONES S")));
        Assert.True(PersonNameConflict.Between(Person("S SMITH"), Person("SMITH M"))); // SMITH cannot pair twice
        // Romanised from another script: a one-letter family name is a name, words must be equal.
        Assert.True(PersonNameConflict.Between(RomanisedPerson("I HYEONU"), RomanisedPerson("IM HYEONU")));
        Assert.False(PersonNameConflict.Between(RomanisedPerson("SHANBEN CHENG"), RomanisedPerson("SHAN BENCHENG")));
        Assert.False(PersonNameConflict.Between(Person("JOHNSON WILLIAM"), Person("WILLIAM JOHNSON")));
        Assert.False(PersonNameConflict.Between(Person("ANDERSON J"), Person("ANDRSON JAMES")));
        Assert.False(PersonNameConflict.Between(Person("DMOORE JAMES"), Person("MOORE JAMES")));
        Assert.False(PersonNameConflict.Between(Person("SMITH JOHN"), Person("SMITH JOHN PAUL")));
    }

    [Fact]
    public void Legal_forms_differ_by_code_or_by_letters_that_are_no_abbreviation()
    {
        Assert.False(LegalFormFeature.FormsDiffer(Org("X", "AG", "6QQB"), Org("X", "Aktiengesellschaft", "6QQB")));
        Assert.True(LegalFormFeature.FormsDiffer(Org("X", "GmbH", "2HBR"), Org("X", "GmbH & Co. KG", "8Z6G")));
        Assert.False(LegalFormFeature.FormsDiffer(Org("X", "GmbH", "2HBR"), Org("X", "GmbH", "AXSB", "AT"))); // codes are per country
        Assert.False(LegalFormFeature.FormsDiffer(Org("X", "Inc."), Org("X", "Incorporated")));
        Assert.False(LegalFormFeature.FormsDiffer(Org("X", "Ltd"), Org("X", "Limited")));
        Assert.True(LegalFormFeature.FormsDiffer(Org("X", "LLC"), Org("X", "Inc")));
        Assert.False(LegalFormFeature.FormsDiffer(Org("X", "COMPANY LLC"), Org("X", "L.L.C.")));
        Assert.False(LegalFormFeature.FormsDiffer(Org("X", "LLC"), Org("X")));
    }

    [Fact]
    public async Task Conflicting_names_never_link_and_a_longer_subset_name_goes_to_review_whatever_the_model_says()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(Path.Combine(_dir, "c.db"));
        var scorer = new TableScorer([("SILVER LAKE APEX", "SILVER LAKE SEMICONDUCTOR", 0.99), ("LIBERTY", "LIBERTY INTERNATIONAL", 0.99), ("SILVER LAKE", "SILVER LAKE INTERNATIONAL", 0.99),
            ("WANG JIANHUA", "ZHAO JIANHUA", 0.99), ("WANG JIANHUA", "JIANHUA WANG", 0.99)]);
        var engine = await ResolutionEngine.OpenAsync(store, null, scorer);
        var r = await engine.ResolveAllAsync([
            new ResolveInput("Silver Lake Apex Corp", Kind: "legal_entity"), new ResolveInput("Silver Lake Semiconductor Corp", Kind: "legal_entity"),
            new ResolveInput("Liberty", Kind: "legal_entity"), new ResolveInput("Liberty International", Kind: "legal_entity"),
            new ResolveInput("Silver Lake", Kind: "legal_entity"), new ResolveInput("Silver Lake International", Kind: "legal_entity"),
            new ResolveInput("Wang, Jianhua", Kind: "person"), new ResolveInput("Zhao, Jianhua", Kind: "person"), new ResolveInput("Jianhua Wang", Kind: "person"),
        ]);
        Assert.NotEqual(r[0].GlobalId, r[1].GlobalId);
        Assert.Equal(ResolutionKind.New, r[1].Resolution); // clearly different: not even proposed
        Assert.NotEqual(r[2].GlobalId, r[3].GlobalId);
        Assert.Equal(ResolutionKind.New, r[3].Resolution); // one shared word is too weak even for review
        Assert.NotEqual(r[4].GlobalId, r[5].GlobalId);
        Assert.Equal(ResolutionKind.Review, r[5].Resolution); // a name plus a word: a reviewer decides
        Assert.NotEqual(r[6].GlobalId, r[7].GlobalId);
        Assert.Equal(r[6].GlobalId, r[8].GlobalId);
        Assert.Single(await store.GetProposalsAsync(ProposalStatus.Pending));
    }
}
