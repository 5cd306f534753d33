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
}
