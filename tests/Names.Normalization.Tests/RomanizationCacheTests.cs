using Names.Normalization.Transliteration;

namespace Names.Normalization.Tests;

/// <summary>The shared romanisation cache: bounded, keeps recent texts, and never changes a result.</summary>
public class RomanizationCacheTests
{
    [Fact]
    public void Keeps_recent_texts_and_drops_old_ones()
    {
        var cache = new RomanizationCache(generationSize: 3);
        for (int i = 0; i < 10; i++) cache.Add("t" + i, "r" + i);
        Assert.True(cache.TryGet("t9", out var r9));
        Assert.Equal("r9", r9);
        Assert.True(cache.TryGet("t6", out _)); // previous generation
        Assert.False(cache.TryGet("t0", out _)); // two generations ago: gone
        int kept = Enumerable.Range(0, 10).Count(i => cache.TryGet("t" + i, out _));
        Assert.InRange(kept, 1, 2 * cache.GenerationSize);
    }

    [Fact]
    public void A_hit_in_the_previous_generation_survives_the_next_swap()
    {
        var cache = new RomanizationCache(generationSize: 2);
        cache.Add("a", "A");
        cache.Add("b", "B");
        cache.Add("c", "C"); // swap: a, b now previous
        Assert.True(cache.TryGet("a", out _)); // copied forward
        cache.Add("d", "D");
        cache.Add("e", "E"); // swap again
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal("A", a);
    }

    [Fact]
    public void Romanizers_sharing_a_tiny_cache_give_the_results_of_an_uncached_one()
    {
        var icu = IcuLibrary.TryLoad(out var error);
        Assert.True(icu != null, error);
        var texts = new[] { "Иванов", "华为技术有限公司", "삼성전자", "Παπαδόπουλος", "ソニー株式会社", "محمد علي", "דוד כהן", "重庆", "山田 太郎" };
        var expected = texts.Select(t => { using var fresh = new Romanizer(icu, "", new RomanizationCache(1000)); return fresh.Romanize(t); }).ToArray();
        var shared = new RomanizationCache(2); // constantly swapping generations
        Parallel.For(0, 4, _ =>
        {
            using var romanizer = new Romanizer(icu, "", shared);
            for (int round = 0; round < 20; round++)
                for (int i = 0; i < texts.Length; i++) Assert.Equal(expected[i], romanizer.Romanize(texts[i]));
        });
        Assert.All(expected, e => Assert.False(string.IsNullOrEmpty(e)));
    }
}
