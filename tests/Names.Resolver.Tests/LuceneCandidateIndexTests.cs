using Names.Normalization;
using Names.Resolver.Candidates;
using Names.Resolver.Comparison;

namespace Names.Resolver.Tests;

public sealed class LuceneCandidateIndexTests
{
    private static readonly NameNormalizer Normalizer = NameNormalizer.CreateDefault();
    private static readonly BlockingKeyGenerator Keys = new();

    private static NameRecord Record(string name) => NameRecord.FromParty(Normalizer.Normalize(new NameInput(name, null, "legal_entity"))[0]);

    private static CandidateTerms Terms(string name) => CandidateTerms.Of(Record(name), Keys);

    private static readonly string[] Registry =
    [
        "Technical University of Munich", "University of Antwerp", "University of California San Francisco",
        "University of California Berkeley", "Koninklijke Philips Electronics", "Siemens Healthineers", "Antwerp Port Authority",
        "Munich Re", "Berkeley Lights", "San Francisco State University",
    ];

    [Fact]
    public void A_name_sharing_no_blocking_key_is_found_by_its_words_and_grams()
    {
        var known = Record("Koninklijke Philips Electronics");
        var probe = Record("Filipps Electronix");
        var shared = Keys.Keys(known, qGrams: false).Intersect(Keys.Keys(probe, qGrams: false)).ToList();
        Assert.True(shared.Count == 0, string.Join(" ", shared));

        using var index = LuceneCandidateIndex.InMemory();
        for (int i = 0; i < Registry.Length; i++) index.Add(i, Terms(Registry[i]));
        var found = index.Find(CandidateTerms.Of(probe, Keys), 3);
        Assert.Equal(Array.IndexOf(Registry, "Koninklijke Philips Electronics"), found[0]);
    }

    [Fact]
    public void The_name_sharing_the_rare_words_ranks_first_and_one_rare_word_is_enough()
    {
        using var index = LuceneCandidateIndex.InMemory();
        for (int i = 0; i < Registry.Length; i++) index.Add(i, Terms(Registry[i]));
        var found = index.Find(Terms("Department of Physics, University of Antwerp"), 10);
        Assert.Equal(Array.IndexOf(Registry, "University of Antwerp"), found[0]);
        Assert.Contains(Array.IndexOf(Registry, "Antwerp Port Authority"), found);
    }

    [Fact]
    public void Variants_not_yet_in_the_searcher_rank_as_they_do_once_reopened()
    {
        using var recent = LuceneCandidateIndex.InMemory(new CandidateIndexOptions { RefreshEvery = 1000 });
        using var reopened = LuceneCandidateIndex.InMemory(new CandidateIndexOptions { RefreshEvery = 1 });
        for (int i = 0; i < Registry.Length; i++)
        {
            recent.Add(i, Terms(Registry[i]));
            reopened.Add(i, Terms(Registry[i]));
        }
        foreach (var probe in new[] { "University of California, San Francisco", "Philips", "TU Munich", "Antwerp" })
            Assert.Equal(reopened.Find(Terms(probe), 4), recent.Find(Terms(probe), 4));
    }

    [Fact]
    public void A_temporary_index_compacted_after_loading_ranks_as_one_in_memory_and_leaves_no_files()
    {
        string directory;
        using (var inMemory = LuceneCandidateIndex.InMemory(new CandidateIndexOptions { RefreshEvery = 3 }))
        using (var temporary = CandidateIndexFolder.OpenTemporary(new CandidateIndexOptions { RefreshEvery = 3 }))
        {
            for (int i = 0; i < Registry.Length; i++)
            {
                inMemory.Add(i, Terms(Registry[i]));
                temporary.Add(i, Terms(Registry[i]));
            }
            temporary.Compact();
            directory = temporary.TemporaryPath!;
            Assert.NotEmpty(Directory.EnumerateFiles(directory));
            foreach (var probe in new[] { "University of California, San Francisco", "Philips", "TU Munich", "Antwerp" })
                Assert.Equal(inMemory.Find(Terms(probe), 4), temporary.Find(Terms(probe), 4));
        }
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_temporary_index_left_by_a_process_that_ended_is_deleted_by_the_next_one()
    {
        // A process that has ended: its id is free once it has exited and been waited for.
        using var ended = System.Diagnostics.Process.Start("true")!;
        ended.WaitForExit();
        var left = Path.Combine(Path.GetTempPath(), $"names-candidates-{ended.Id}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(left);
        File.WriteAllText(Path.Combine(left, "_0.cfs"), "segment");
        using var index = CandidateIndexFolder.OpenTemporary();
        Assert.False(Directory.Exists(left));
    }

    [Fact]
    public async Task Lookups_run_while_variants_are_added()
    {
        using var index = LuceneCandidateIndex.InMemory(new CandidateIndexOptions { RefreshEvery = 7 });
        var adding = Task.Run(() =>
        {
            for (int i = 0; i < 500; i++) index.Add(i, Terms(Registry[i % Registry.Length] + " " + i));
        });
        var lookups = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!adding.IsCompleted) index.Find(Terms("University of Antwerp"), 10);
        })).ToArray();
        await Task.WhenAll([adding, .. lookups]);
        Assert.Equal(500, index.Count);
        Assert.Equal(10, index.Find(Terms("University of Antwerp"), 10).Count);
    }

    private static NameRecord RecordIn(string name, string country, int party = 0) =>
        NameRecord.FromParty(Normalizer.Normalize(new NameInput(name, country, "legal_entity"))[party]);

    private static readonly (string Name, string Country)[] Organisations =
    [
        ("Centre National de la Recherche Scientifique", "FR"), ("Universidade dos Açores", "PT"), ("University of Lisbon", "PT"),
        ("National Research Council", "IT"), ("Consejo Superior de Investigaciones Científicas", "ES"), ("University of Arizona", "US"),
        ("Arizona State University", "US"), ("Centre for Research on Science", "FR"), ("Azores Airlines", "PT"),
    ];

    private static LuceneCandidateIndex OrganisationIndex()
    {
        var index = LuceneCandidateIndex.InMemory();
        for (int i = 0; i < Organisations.Length; i++) index.Add(i, CandidateTerms.Of(RecordIn(Organisations[i].Name, Organisations[i].Country), Keys));
        return index;
    }

    [Theory]
    [InlineData("CNRS", "FR", "Centre National de la Recherche Scientifique")]
    [InlineData("CSIC", "ES", "Consejo Superior de Investigaciones Científicas")]
    public void An_acronym_finds_the_name_whose_initials_it_is(string acronym, string country, string expected)
    {
        using var index = OrganisationIndex();
        var found = index.Find(CandidateTerms.Of(RecordIn(acronym, country), Keys), 3);
        Assert.Equal(Array.FindIndex(Organisations, o => o.Name == expected), found[0]);
    }

    [Fact]
    public void A_name_finds_the_acronym_of_its_initials()
    {
        using var index = LuceneCandidateIndex.InMemory();
        index.Add(0, CandidateTerms.Of(RecordIn("CNRS", "FR"), Keys));
        index.Add(1, CandidateTerms.Of(RecordIn("CNR", "IT"), Keys));
        var found = index.Find(CandidateTerms.Of(RecordIn("Centre National de la Recherche Scientifique", "FR"), Keys), 3);
        Assert.Equal([0L], found);
    }

    [Fact]
    public void A_name_in_another_language_is_found_by_its_concept_key()
    {
        using var index = OrganisationIndex();
        var found = index.Find(CandidateTerms.Of(RecordIn("University of the Azores", "PT"), Keys), 3);
        Assert.Equal(Array.FindIndex(Organisations, o => o.Name == "Universidade dos Açores"), found[0]);
    }

    [Fact]
    public void A_unit_split_off_a_field_is_found_by_its_parent_organisation_named_in_that_field()
    {
        using var index = LuceneCandidateIndex.InMemory();
        index.Add(0, CandidateTerms.Of(RecordIn("Department of Chemistry, Arizona State University", "US"), Keys));
        // The field's first party is the school: only the field names its university.
        var school = RecordIn("School of Animal and Comparative Biomedical Sciences, University of Arizona", "US");
        Assert.DoesNotContain("ARIZONA", school.Tokens);
        index.Add(1, CandidateTerms.Of(school, Keys));
        Assert.Contains(1L, index.Find(CandidateTerms.Of(RecordIn("University of Arizona", "US"), Keys), 5));
    }

    [Fact]
    public void An_index_on_disk_holding_terms_of_another_version_is_rebuilt_in_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"names-index-{Guid.NewGuid():N}");
        try
        {
            var stamp = new CandidateIndexStamp("r1", 7);
            using (var index = CandidateIndexFolder.Open(path, stamp, _ => { }))
            {
                index.Add(1, Terms("University of Antwerp"));
                index.Commit(1);
            }
            // The same registry and schema, committed by a build that indexed other terms.
            using (var directory = new Lucene.Net.Store.MMapDirectory(new DirectoryInfo(path)))
            using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null)))
            {
                var data = new Dictionary<string, string>(writer.CommitData) { ["terms"] = (CandidateTerms.Version - 1).ToString() };
                writer.SetCommitData(data);
                writer.Commit();
            }
            var lines = new List<string>();
            using (var reopened = CandidateIndexFolder.Open(path, stamp, lines.Add))
            {
                Assert.Equal(0, reopened.Count);
                Assert.Equal(0, reopened.CaughtUp);
                reopened.Add(1, Terms("University of Antwerp"));
                reopened.Commit(1); // caught up from the registry
            }
            Assert.Contains("index terms of version", Assert.Single(lines));
            using var sound = CandidateIndexFolder.Open(path, stamp, lines.Add);
            Assert.Single(lines);
            Assert.Equal(1, sound.CaughtUp);
        }
        finally { if (Directory.Exists(path)) Directory.Delete(path, true); }
    }
}
