using Names.Resolver.Scoring;

namespace Names.Host.Review;

/// <summary>
/// The per-feature contributions to a score as a table with one signed bar per feature (inline SVG: no script, no
/// inline style, allowed by the page's content security policy): bars to the right pushed towards a match, bars to
/// the left against. The numbers are in the table too, so the chart is readable without seeing colour. A boosted-tree
/// model's contributions (ML.NET's feature contributions) rank the features but do not add up to the score: the caption
/// says so.
/// </summary>
public static class ContributionChart
{
    private const int Width = 240;
    private const int Half = Width / 2;
    private const string WeightCaption = "Contribution of each compared feature to the score (log-odds; the longest bar is the strongest feature)";
    private const string TreeCaption = "Contribution of each compared feature to the boosted-tree score: the bars rank the features (the longest is the strongest) " +
                                       "but do not add up to the score";

    public static Html Render(IReadOnlyList<FeatureContribution> contributions)
    {
        var trees = contributions.Any(c => c.Feature == BoostedTreeModel.UnsupervisedFeature);
        if (contributions.Count == 0)
            return Html.Of($"<p class=\"muted\">The model gives no per-feature explanation for this pair.</p>");
        var scale = Math.Max(contributions.Max(c => Math.Abs(c.Weight)), 1e-9);
        var rows = contributions.OrderByDescending(c => c.Weight).Select(c =>
        {
            var length = Math.Abs(c.Weight) / scale * (Half - 2);
            var x = c.Weight >= 0 ? Half : Half - length;
            var direction = c.Weight >= 0 ? "towards" : "against";
            var words = c.Weight >= 0 ? "towards a match" : "against a match";
            return Html.Of($"""
                <tr>
                  <th scope="row">{c.Feature.Replace('_', ' ')}</th>
                  <td>{c.LevelLabel}</td>
                  <td class="chart"><svg viewBox="0 0 {Width} 16" preserveAspectRatio="none" role="img" aria-label="{c.Feature}: {c.Weight:+0.00;-0.00;0.00} {words}"><line class="axis" x1="{Half}" y1="0" x2="{Half}" y2="16"/><rect class="{direction}" x="{x:0.#}" y="2" width="{length:0.#}" height="12"/></svg></td>
                  <td class="num">{c.Weight:+0.00;-0.00;0.00}</td>
                </tr>
                """);
        });
        return Html.Of($"""
            <p class="legend"><span><span class="swatch towards"></span>towards a match (right)</span><span><span class="swatch against"></span>against a match (left)</span></p>
            <div class="table-wrap">
            <table class="contributions">
              <caption class="muted">{(trees ? TreeCaption : WeightCaption)}</caption>
              <thead><tr><th scope="col">Feature</th><th scope="col">Level</th><th scope="col">Push</th><th scope="col" class="num">Weight</th></tr></thead>
              <tbody>{rows}</tbody>
            </table>
            </div>
            """);
    }
}
