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
}
