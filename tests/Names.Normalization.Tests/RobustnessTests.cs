using System.Text;

namespace Names.Normalization.Tests;

/// <summary>The normaliser never throws; garbage gives one unknown party with empty keys and a reason.</summary>
public class RobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("---***...")]
    [InlineData("\u200B\u200D\uFEFF")]
    [InlineData("😀😀")]
    public void Garbage_is_unknown_with_a_problem(string raw)
    {
        var p = Shared.One(raw);
        Assert.Equal(EntityKind.Unknown, p.Kind);
        Assert.Equal("", p.NameKey);
        Assert.Equal("", p.CompactKey);
        Assert.NotEmpty(p.Problem);
    }

    [Fact]
    public void Null_name_is_garbage_not_an_exception() => Assert.NotEmpty(Assert.Single(Shared.Normalizer.Normalize(new NameInput(null))).Problem);

    [Fact]
    public void Hundred_kilobytes_are_truncated_and_said_so()
    {
        var raw = string.Concat(Enumerable.Repeat("ACME WIDGETS ", 8000)) + "GMBH";
        var parties = Shared.All(raw);
        Assert.NotEmpty(parties);
        Assert.Contains("longer than", parties[0].Problem);
        Assert.True(parties[0].NameKey.Length <= 2000);
        Assert.Equal(raw, parties[0].RawName);
    }

    [Fact]
    public void Unpaired_surrogates_bidi_and_combining_marks()
    {
        var p = Shared.One("AC\uD800ME \u202EGMBH\u202C \u0301\u0301");
        Assert.Equal("ACME", p.NameKey);
        var q = Shared.One("\uDC00\uD83D");
        Assert.Equal("", q.NameKey);
    }

    [Fact]
    public void Mixed_scripts_and_emoji()
    {
        var p = Shared.One("ACME 株式会社 Технопарк 🚀 GmbH");
        Assert.NotEmpty(p.NameKey);
        Assert.DoesNotContain("🚀", p.NameKey);
    }

    [Fact]
    public void Many_separators_are_bounded()
    {
        var raw = string.Join("; ", Enumerable.Range(0, 500).Select(i => $"FIRMA{i} GMBH"));
        var parties = Shared.All(raw);
        Assert.InRange(parties.Count, 1, 20);
    }
}
