using Names.Normalization.Lexicon;

namespace Names.Normalization.Tests;

/// <summary>The filter in front of the word lists may let a word through that the list lacks, never the other way.</summary>
public class WordFilterTests
{
    [Fact]
    public void Never_rules_out_a_word_of_the_list_and_rules_out_most_others()
    {
        var random = new Random(11);
        string Word(int length) => new(Enumerable.Range(0, length).Select(_ => (char)('A' + random.Next(26))).ToArray());
        var words = Enumerable.Range(0, 3000).Select(i => Word(1 + i % 12)).Append("").Append("株式会社").Append("Ä").Distinct().ToList();
        var filter = new WordFilter(words);
        Assert.All(words, w => Assert.True(filter.MayContain(w), w));

        var others = Enumerable.Range(0, 20000).Select(i => Word(2 + i % 10)).Where(w => !words.Contains(w)).ToList();
        var passed = others.Count(filter.MayContain);
        Assert.True(passed < others.Count / 10, $"{passed} of {others.Count} words not in the list passed");
    }

    [Fact]
    public void The_lexicon_lists_answer_as_their_words_say()
    {
        var lexicon = NormalizationLexicon.Load();
        foreach (var word in new[] { "GMBH", "LTD", "KG", "AG", "SA", "BV" }) Assert.True(lexicon.LegalForms.TryGet(word, out _), word);
        Assert.False(lexicon.LegalForms.TryGet("SIEMENS", out _));
        Assert.True(lexicon.Articles.Contains("THE"));
        Assert.False(lexicon.Articles.Contains("THEM"));
        Assert.True(lexicon.GenericAbbreviations.TryGetValue("INTL", out var expanded), "INTL");
        Assert.False(string.IsNullOrEmpty(expanded));
    }
}
