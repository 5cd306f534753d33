using System.Globalization;
using System.Net;
using System.Text;

namespace Names.Host.Reports;

/// <summary>
/// Writes a <see cref="ResolveReport"/> as one self-contained HTML file: inline CSS and SVG charts, no scripts or
/// fonts fetched from anywhere, so it opens in a browser without network access.
/// </summary>
public sealed class HtmlReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the report through <see cref="Cli.StagedOutputFile"/>: a killed run never leaves a truncated
    /// report, and a device (<c>/dev/null</c>) is written in place.</summary>
    public async Task WriteAsync(string path, ResolveReport report, Cli.CliConsole console, CancellationToken ct)
    {
        using var file = Cli.StagedOutputFile.Open(path, console);
        await file.Writer.WriteAsync(Render(report).AsMemory(), ct);
        await file.CommitAsync(ct);
    }

    public string Render(ResolveReport r)
    {
        var sb = new StringBuilder(32_000);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(r.Title)).Append("</title><style>")
          .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1f24;background:#fff}")
          .Append("h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}")
          .Append(".cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;min-width:8rem}")
          .Append(".card b{display:block;font-size:1.4rem}.muted{color:#57606a;font-size:.9rem}")
          .Append("table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}")
          .Append("th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}")
          .Append("</style></head><body>");
        sb.Append("<h1>").Append(E(r.Title)).Append("</h1>");
        sb.Append("<p class=\"muted\">Input <code>").Append(E(r.Input)).Append("</code>, registry <code>").Append(E(r.Registry))
          .Append("</code>, generated ").Append(E(r.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Inv)));
        if (r.ModelVersion.Length > 0) sb.Append(", model ").Append(E(r.ModelVersion));
        sb.Append(".</p>");

        sb.Append("<div class=\"cards\">");
        Card(sb, "rows", r.Rows); Card(sb, "parties", r.Parties); Card(sb, "matched", r.Matched); Card(sb, "new", r.New);
        Card(sb, "sent to review", r.Review); Card(sb, "pending review (registry)", r.PendingReviewTotal); Card(sb, "rejected rows", r.Rejected);
        sb.Append("<div class=\"card\"><b>").Append(r.Seconds.ToString("0.0", Inv)).Append(" s</b><span class=\"muted\">wall time</span></div>");
        sb.Append("</div>");

        sb.Append("<h2>Match score distribution</h2><p class=\"muted\">Best-candidate score per party. Dashed lines: review threshold ")
          .Append(r.LowerThreshold.ToString("0.00", Inv)).Append(" and auto-link threshold ").Append(r.UpperThreshold.ToString("0.00", Inv))
          .Append(". Bars below the first are new entities, between them review proposals, above the second automatic links.</p>");
        sb.Append(ScoreChart(r));

        if (r.Accuracy is { } accuracy) sb.Append(AccuracySection(accuracy));

        sb.Append("<h2>Cluster size distribution</h2><p class=\"muted\">Number of entities (log scale) by number of records attached to them in this run.</p>");
        sb.Append(ClusterChart(r.ClusterSizes));

        sb.Append("<h2>Largest clusters</h2><table><thead><tr><th>global id</th><th>canonical name</th><th>kind</th><th class=\"n\">records</th><th class=\"n\">variants</th><th>example variants</th></tr></thead><tbody>");
        foreach (var c in r.LargestClusters)
        {
            sb.Append("<tr><td><code>").Append(E(c.GlobalId)).Append("</code></td><td>").Append(E(c.CanonicalName)).Append("</td><td>")
              .Append(E(c.Kind)).Append("</td><td class=\"n\">").Append(c.Records.ToString("N0", Inv)).Append("</td><td class=\"n\">")
              .Append(c.Variants.ToString("N0", Inv)).Append("</td><td>").Append(E(string.Join(" · ", c.ExampleVariants))).Append("</td></tr>");
        }
        sb.Append("</tbody></table></body></html>");
        return sb.ToString();
    }

    private static void Card(StringBuilder sb, string label, long value) =>
        sb.Append("<div class=\"card\"><b>").Append(value.ToString("N0", Inv)).Append("</b><span class=\"muted\">").Append(E(label)).Append("</span></div>");

    private static string ScoreChart(ResolveReport r)
    {
        const int w = 900, h = 260, left = 50, bottom = 30, top = 10;
        var bins = r.ScoreHistogram;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"score histogram\">");
        if (bins.Count == 0) return sb.Append("<text x=\"10\" y=\"20\">no scores</text></svg>").ToString();
        var max = Math.Max(1, bins.Max());
        double plotW = w - left - 10, plotH = h - bottom - top, bw = plotW / bins.Count;
        Axis(sb, left, top, plotW, plotH, max.ToString("N0", Inv));
        for (var i = 0; i < bins.Count; i++)
        {
            var mid = (i + 0.5) / bins.Count;
            var colour = mid >= r.UpperThreshold ? "#1a7f37" : mid >= r.LowerThreshold ? "#bf8700" : "#8c959f";
            var bh = plotH * bins[i] / max;
            sb.Append(Inv, $"<rect x=\"{left + i * bw + 1:0.#}\" y=\"{top + plotH - bh:0.#}\" width=\"{Math.Max(1, bw - 2):0.#}\" height=\"{bh:0.#}\" fill=\"{colour}\"><title>{i / (double)bins.Count:0.00}-{(i + 1) / (double)bins.Count:0.00}: {bins[i]:N0}</title></rect>");
        }
        foreach (var t in new[] { r.LowerThreshold, r.UpperThreshold })
        {
            var x = left + plotW * t;
            sb.Append(Inv, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{top}\" y2=\"{top + plotH}\" stroke=\"#cf222e\" stroke-dasharray=\"5,4\"/>");
        }
        for (var k = 0; k <= 10; k += 2)
            sb.Append(Inv, $"<text x=\"{left + plotW * k / 10:0.#}\" y=\"{h - 8}\" font-size=\"12\" text-anchor=\"middle\">{k / 10.0:0.0}</text>");
        return sb.Append("</svg>").ToString();
    }

    /// <summary>The estimate without labels, and a chart of expected wrong and missed links by score band.</summary>
    private static string AccuracySection(Names.Resolver.Evaluation.AccuracyEstimate a)
    {
        var sb = new StringBuilder();
        sb.Append("<h2>Estimated accuracy</h2><p class=\"muted\">Estimated from the match probabilities of the run's own decisions, without labels ")
          .Append("(docs/outputs.md says how). B-cubed precision <b>").Append(a.BCubedPrecision.ToString("0.000", Inv)).Append("</b>, recall <b>")
          .Append(a.BCubedRecall.ToString("0.000", Inv)).Append("</b>; expected ").Append(a.ExpectedFalseLinks.ToString("0.#", Inv)).Append(" wrong of ")
          .Append(a.Links.ToString("N0", Inv)).Append(" links, ").Append(a.ExpectedMissedLinks.ToString("0.#", Inv)).Append(" missed among ")
          .Append(a.PairsApart.ToString("N0", Inv)).Append(" entity pairs kept apart. Pairs the candidate search never compared are not counted: ")
          .Append("where it misses true pairs, the recall estimate is too high.</p>");
        const int w = 900, h = 260, left = 50, bottom = 30, top = 10;
        var bands = a.FalseLinksByBand.Length;
        sb.Append(Inv, $"<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"expected errors by score band\">");
        var max = Math.Max(0.001, a.FalseLinksByBand.Concat(a.MissedLinksByBand).Max());
        double plotW = w - left - 10, plotH = h - bottom - top, bw = plotW / bands;
        Axis(sb, left, top, plotW, plotH, max.ToString("0.#", Inv));
        for (var i = 0; i < bands; i++)
        {
            var range = $"{i / (double)bands:0.00}-{(i + 1) / (double)bands:0.00}";
            foreach (var (value, offset, colour, what) in new[] { (a.FalseLinksByBand[i], 0.0, "#cf222e", "wrong links"), (a.MissedLinksByBand[i], 0.5, "#bf8700", "missed links") })
            {
                var bh = plotH * value / max;
                sb.Append(Inv, $"<rect x=\"{left + (i + offset) * bw + 1:0.#}\" y=\"{top + plotH - bh:0.#}\" width=\"{Math.Max(1, bw / 2 - 2):0.#}\" height=\"{bh:0.#}\" fill=\"{colour}\"><title>{range}: {value:0.##} expected {what}</title></rect>");
            }
        }
        for (var k = 0; k <= 10; k += 2)
            sb.Append(Inv, $"<text x=\"{left + plotW * k / 10:0.#}\" y=\"{h - 8}\" font-size=\"12\" text-anchor=\"middle\">{k / 10.0:0.0}</text>");
        sb.Append("</svg><p class=\"muted\"><span style=\"color:#cf222e\">■</span> expected wrong links (1 − p of each link, by its score) ")
          .Append("<span style=\"color:#bf8700\">■</span> expected missed links (p of each entity pair kept apart, by its score)</p>");
        return sb.ToString();
    }

    private static string ClusterChart(IReadOnlyDictionary<int, long> sizes)
    {
        const int w = 900, h = 270, left = 50, bottom = 30, top = 22;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"cluster sizes\">");
        if (sizes.Count == 0) return sb.Append("<text x=\"10\" y=\"20\">no clusters</text></svg>").ToString();
        // Sizes grouped into bands so that a long tail (one cluster of 600 records) stays readable.
        var bands = new (string Label, int From, int To)[]
        {
            ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4", 4, 4), ("5", 5, 5), ("6-10", 6, 10), ("11-20", 11, 20),
            ("21-50", 21, 50), ("51-100", 51, 100), ("101-1000", 101, 1000), (">1000", 1001, int.MaxValue),
        };
        var counts = bands.Select(b => sizes.Where(kv => kv.Key >= b.From && kv.Key <= b.To).Sum(kv => kv.Value)).ToArray();
        var maxLog = Math.Max(1, Math.Log10(counts.Max() + 1));
        double plotW = w - left - 10, plotH = h - bottom - top, bw = plotW / bands.Length;
        Axis(sb, left, top, plotW, plotH, counts.Max().ToString("N0", Inv));
        for (var i = 0; i < bands.Length; i++)
        {
            var bh = plotH * Math.Log10(counts[i] + 1) / maxLog;
            sb.Append(Inv, $"<rect x=\"{left + i * bw + 4:0.#}\" y=\"{top + plotH - bh:0.#}\" width=\"{bw - 8:0.#}\" height=\"{bh:0.#}\" fill=\"#0969da\"><title>size {bands[i].Label}: {counts[i]:N0} entities</title></rect>");
            sb.Append(Inv, $"<text x=\"{left + (i + 0.5) * bw:0.#}\" y=\"{h - 8}\" font-size=\"12\" text-anchor=\"middle\">{bands[i].Label}</text>");
            if (counts[i] > 0)
                sb.Append(Inv, $"<text x=\"{left + (i + 0.5) * bw:0.#}\" y=\"{top + plotH - bh - 4:0.#}\" font-size=\"11\" text-anchor=\"middle\">{counts[i]:N0}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static void Axis(StringBuilder sb, int left, int top, double plotW, double plotH, string maxLabel)
    {
        sb.Append(Inv, $"<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{top + plotH:0.#}\" stroke=\"#57606a\"/>");
        sb.Append(Inv, $"<line x1=\"{left}\" x2=\"{left + plotW:0.#}\" y1=\"{top + plotH:0.#}\" y2=\"{top + plotH:0.#}\" stroke=\"#57606a\"/>");
        sb.Append(Inv, $"<text x=\"{left - 4}\" y=\"{top + 10}\" font-size=\"11\" text-anchor=\"end\">{E(maxLabel)}</text>");
        sb.Append(Inv, $"<text x=\"{left - 4}\" y=\"{top + plotH:0.#}\" font-size=\"11\" text-anchor=\"end\">0</text>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
