using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Storage;
using Names.Resolver.Tests.Fixtures;

namespace Names.Resolver.Tests;

/// <summary>Persons with a date-of-birth context: the person model, homonyms, nicknames, and the stored-model round trip.</summary>
public sealed class PersonResolutionTests
{
    private static readonly string[] ContextColumns = ["dob", "birth_place", "postcode_fake", "gender", "occupation"];

    private static ResolveInput Row(string given, string family, string dob, string place, string postcode, string gender = "male", string occupation = "", long row = 0) =>
        new($"{given} {family}".Trim(), Kind: "person", FamilyName: family, GivenNames: given, Row: row, Context: new Dictionary<string, string>
        {
            ["dob"] = dob, ["birth_place"] = place, ["postcode_fake"] = postcode, ["gender"] = gender, ["occupation"] = occupation,
        });

    /// <summary>Model estimated without labels from 8,000 rows of splink-historical50k (the CLI flow: EM on the input rows).</summary>
    private static readonly Lazy<FellegiSunterModel> Model = new(() =>
    {
        var rows = CsvFile.Read(Path.Combine(CsvFile.DatasetsRoot, "splink-historical50k", "historical_figures_with_errors_50k.csv")).Take(8000);
        var inputs = rows.Select((r, i) => new ResolveInput(r["first_and_surname"], Kind: "person", FamilyName: r["surname"], GivenNames: r["first_name"], Row: i,
            Context: ContextColumns.ToDictionary(c => c, c => r[c]))).ToList();
        return new ModelTrainer().EstimateFellegiSunter(inputs, ContextColumns);
    });

    [Fact]
    public void Person_data_with_a_date_column_gets_the_person_model()
    {
        var names = Model.Value.Comparisons.Features.Select(f => f.Name).ToList();
        Assert.Contains("family_name", names);
        Assert.Contains("given_name", names);
        Assert.Contains("date:dob", names);
        Assert.Contains("text:birth_place", names);
        // Weights follow the evidence: an equal date of birth counts for a match, dates decades apart against.
        var dob = names.IndexOf("date:dob");
        Assert.True(Model.Value.M[dob][5] > Model.Value.U[dob][5] * 10);
        Assert.True(Model.Value.M[dob][0] < Model.Value.U[dob][0]);
    }

    [Fact]
    public async Task Homonyms_are_kept_apart_and_variants_of_one_person_join_by_their_context()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions(), Model.Value);
        var r = await engine.ResolveAllAsync([
            Row("john", "smith", "1850-03-12", "leeds", "ls1 4ap", row: 0),
            Row("john", "smith", "1850-03-12", "leeds", "ls1 4ap", row: 1),   // same person again
            Row("john", "smith", "1712-09-30", "bristol", "bs1 5tr", row: 2), // another John Smith
            Row("johm", "smith", "1850-03-21", "leeds", "ls1 4ap", row: 3),   // typos in name and date
            Row("john", "smith", "1712-09-30", "bristol", "bs1 5tr", row: 4),
        ]);
        Assert.Equal(r[0].GlobalId, r[1].GlobalId);
        Assert.NotEqual(r[0].GlobalId, r[2].GlobalId);
        Assert.Equal(r[0].GlobalId, r[3].GlobalId);
        Assert.Equal(r[2].GlobalId, r[4].GlobalId);
        Assert.All(r, x => Assert.StartsWith("P", x.GlobalId));
    }

    [Fact]
    public async Task A_stored_person_model_is_used_after_reopening_the_registry()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        await PairScorerSerializer.SaveAsync(store, Model.Value, "test");
        var engine = await ResolutionEngine.OpenAsync(store);
        Assert.Equal(Model.Value.Comparisons.Features.Select(f => f.Name), engine.Scorer.Comparisons.Features.Select(f => f.Name));
        var r = await engine.ResolveAllAsync([Row("mary", "jones", "1801-01-05", "york", "yo1 7hh", "female", row: 0), Row("mary", "jones", "1901-11-15", "cardiff", "cf10 1aa", "female", row: 1)]);
        Assert.NotEqual(r[0].GlobalId, r[1].GlobalId);
    }

    [Fact]
    public async Task Organisations_among_persons_are_still_compared_by_their_names()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions(), Model.Value);
        var r = await engine.ResolveAllAsync([
            new ResolveInput("Akzo Nobel N.V.", Kind: "legal_entity", Row: 0, Context: new Dictionary<string, string> { ["dob"] = "1994-01-01" }),
            new ResolveInput("AKZO NOBELL NV", Kind: "legal_entity", Row: 1, Context: new Dictionary<string, string> { ["dob"] = "2001-05-05" }),
            new ResolveInput("Unilever N.V.", Kind: "legal_entity", Row: 2, Context: new Dictionary<string, string> { ["dob"] = "1994-01-01" }),
            Row("john", "smith", "1850-03-12", "leeds", "ls1 4ap", row: 3),
        ]);
        Assert.Equal(r[0].GlobalId, r[1].GlobalId);
        Assert.NotEqual(r[0].GlobalId, r[2].GlobalId);
        Assert.StartsWith("L", r[0].GlobalId);
        Assert.StartsWith("P", r[3].GlobalId);
    }

    [Fact]
    public void A_lone_word_in_the_given_name_column_is_compared_with_the_family_name()
    {
        var lone = new NameRecord(Names.Normalization.EntityKind.Person, "KENEALY", "KENEALY", "KENEALY", "", givenNames: "kenealy");
        var full = new NameRecord(Names.Normalization.EntityKind.Person, "KENEALY ARABELLA", "KENEALYARABELLA", "KENEALYARABELLA", "", familyName: "kenealy", givenNames: "arabella");
        var other = new NameRecord(Names.Normalization.EntityKind.Person, "KENEALY ARABELLA", "KENEALYARABELLA", "KENEALYARABELLA", "", familyName: "smith", givenNames: "kenealy");
        var statistics = new TokenStatistics();
        Assert.Equal(4, new FamilyNameFeature().Compare(lone, full, statistics));
        Assert.Equal(IComparisonFeature.NotComparable, new GivenNameFeature().Compare(lone, full, statistics));
        Assert.Equal(IComparisonFeature.NotComparable, new FamilyNameFeature().Compare(lone, other, statistics));
        Assert.Equal(4, new GivenNameFeature().Compare(lone, other, statistics));
    }

    [Fact]
    public void Context_text_is_graded()
    {
        Assert.Equal(3, ContextTextFeature.CompareValues("TR11 5UB", "TR11 5UB"));
        Assert.Equal(2, ContextTextFeature.CompareValues("GREENOCK", "GREENOCL"));
        Assert.Equal(1, ContextTextFeature.CompareValues("WEST MIDLANDS", "MIDLANDS"));
        Assert.Equal(0, ContextTextFeature.CompareValues("LEEDS", "BRISTOL"));
    }

    [Fact]
    public void Nicknames_are_variants_of_their_given_name_but_not_of_each_others_names()
    {
        var variants = GivenNameVariants.Default;
        Assert.True(variants.AreVariants("GUS", "AUGUSTUS"));
        Assert.True(variants.AreVariants("WILLIAM", "BILL"));
        Assert.False(variants.AreVariants("WILLIAM", "ROBERT")); // the BILL line lists both, which does not make them one name
        Assert.False(variants.AreVariants("MARY", "JOHN"));
        var gus = new NameRecord(Names.Normalization.EntityKind.Person, "CLARKE GUS", "CLARKEGUS", "CLARKEGUS", "", familyName: "clarke", givenNames: "gus");
        var augustus = new NameRecord(Names.Normalization.EntityKind.Person, "CLARK AUGUSTUS", "CLARKAUGUSTUS", "CLARKAUGUSTUS", "", familyName: "clark", givenNames: "augustus");
        var mary = new NameRecord(Names.Normalization.EntityKind.Person, "CLARK MARY", "CLARKMARY", "CLARKMARY", "", familyName: "clark", givenNames: "mary");
        Assert.Equal(1, new GivenNameFeature().Compare(gus, augustus, new TokenStatistics()));
        Assert.Equal(0, new GivenNameFeature().Compare(mary, augustus, new TokenStatistics()));
        Assert.False(PersonNameConflict.Between(gus, augustus));
    }

    [Fact]
    public void A_name_made_of_titles_is_not_compared_as_a_name()
    {
        var baronet = new NameRecord(Names.Normalization.EntityKind.Person, "BARONET", "BARONET", "BARONET", "", familyName: "baronet");
        var bt = new NameRecord(Names.Normalization.EntityKind.Person, "BT 1ST", "BT1ST", "BT1ST", "", familyName: "bt.", givenNames: "1st");
        var lady = new NameRecord(Names.Normalization.EntityKind.Person, "LASCELLES LADY", "LASCELLESLADY", "LASCELLESLADY", "", familyName: "lascelles", givenNames: "lady");
        var smith = new NameRecord(Names.Normalization.EntityKind.Person, "SMITH JOHN", "SMITHJOHN", "SMITHJOHN", "", familyName: "smith", givenNames: "john");
        var statistics = new TokenStatistics();
        Assert.Equal(IComparisonFeature.NotComparable, new FamilyNameFeature().Compare(baronet, smith, statistics));
        Assert.Equal(IComparisonFeature.NotComparable, new FamilyNameFeature().Compare(bt, smith, statistics));
        Assert.Equal(IComparisonFeature.NotComparable, new GivenNameFeature().Compare(bt, smith, statistics));
        Assert.Equal(IComparisonFeature.NotComparable, new GivenNameFeature().Compare(lady, smith, statistics));
        Assert.Equal(0, new FamilyNameFeature().Compare(lady, smith, statistics)); // the family name still counts
    }

    [Fact]
    public async Task A_row_sharing_only_its_context_is_found_among_many_namesakes()
    {
        // Forty other CLARKEs (forty different people) fill the name ranking; the row's date and postcode find its person all the same.
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions(), Model.Value);
        var rows = new List<ResolveInput> { Row("augustus", "clark", "1862-07-31", "dover", "ct15 5lp", row: 0), Row("augustus", "clark", "1862-07-31", "dover", "ct15 5lp", row: 1) };
        for (int i = 0; i < 40; i++)
            rows.Add(Row($"{(char)('a' + i % 26)}{(char)('a' + i / 26)}ton", "clarke", $"{1400 + 11 * i}-0{1 + i % 9}-1{i % 10}", $"town {(char)('a' + i % 26)}{(char)('a' + i / 26)}", $"ls{i} 1aa", row: 2 + i));
        rows.Add(Row("gus", "clarke", "1862-07-31", "dover", "ct15 5lp", row: 42));
        var r = await engine.ResolveAllAsync(rows);
        Assert.Equal(r[0].GlobalId, r[^1].GlobalId);
        Assert.All(r.Skip(2).Take(40), x => Assert.NotEqual(r[0].GlobalId, x.GlobalId));
    }

    [Fact]
    public async Task A_row_matching_two_entities_of_its_chunk_joins_them()
    {
        await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
        var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions(), Model.Value);
        var r = await engine.ResolveAllAsync([
            Row("wyville", "thomson", "1830-03-05", "linlithgow", "eh49 7aa", row: 0),
            Row("charles", "thomson", "", "", "", occupation: "naturalist", row: 1), // too little to join the first row
            Row("charles wyville", "thomson", "1830-03-05", "linlithgow", "eh49 7aa", occupation: "naturalist", row: 2),
        ]);
        Assert.Equal(r[2].GlobalId, r[0].GlobalId);
        Assert.Equal(r[2].GlobalId, r[1].GlobalId);
        Assert.Equal(ResolutionKind.Matched, r[1].Resolution); // its minted id was never handed out
    }
}
