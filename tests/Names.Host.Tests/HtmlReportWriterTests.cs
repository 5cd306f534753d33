using System.Text.RegularExpressions;
using Names.Host.Reports;

namespace Names.Host.Tests;

public class HtmlReportWriterTests
{
    private static ResolveReport Sample() => new()
    {
        Title = "Names resolve report",
        GeneratedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
        Input = "datasets/x.csv",
        Registry = "names.db",
        Rows = 2379, Parties = 2379, Matched = 2200, New = 150, Review = 29, PendingReviewTotal = 31,
        LowerThreshold = 0.5, UpperThreshold = 0.9,
        ScoreHistogram = Enumerable.Range(0, 20).Select(i => (long)(i * i)).ToArray(),
        ClusterSizes = new Dictionary<int, long> { [1] = 37, [2] = 10, [676] = 1 },
        LargestClusters = new[] { new ReportCluster("LABCDEFGHJKMN42", "KONINKLIJKE PHILIPS <N.V.>", "legal_entity", 676, 40, new[] { "PHILIPS & CO", "N.V. PHILIPS" }) },
    };

    [Fact]
    public void Report_is_self_contained_and_needs_no_network()
    {
        var html = new HtmlReportWriter().Render(Sample());
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html);
        Assert.Equal(2, Regex.Matches(html, "<svg ").Count);
    }

    [Fact]
    public void Report_shows_figures_thresholds_and_escapes_names()
    {
        var html = new HtmlReportWriter().Render(Sample());
        Assert.Contains("2,379", html);
        Assert.Contains("auto-link threshold 0.90", html);
        Assert.Contains("KONINKLIJKE PHILIPS &lt;N.V.&gt;", html);
        Assert.DoesNotContain("<N.V.>", html);
        Assert.Contains("PHILIPS &amp; CO", html);
        // two dashed threshold lines on the score chart
        Assert.Equal(2, Regex.Matches(html, "stroke-dasharray").Count);
    }
}
