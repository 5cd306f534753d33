using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Host.Review;

/// <summary>One entity as the page shows it: id, kind, status, when minted, record count, countries, sources, external
/// identifiers (LEI, ROR id ...), its name variants and example records. Used side by side on a proposal and alone on the entity page.</summary>
public static class EntityCard
{
    /// <summary>Variants listed in full on a card; the entity page lists them all.</summary>
    public const int VariantsShown = 60;

    public static Html Facts(EntitySummary e) => Html.Of($"""
        <dl class="facts">
          <dt>Id</dt><dd><a class="id" href="{EntityPages.Url(e.Id)}">{e.Id}</a></dd>
          <dt>Kind</dt><dd>{KindLabel(e.Kind)}</dd>
          <dt>Status</dt><dd>{Status(e)}</dd>
          <dt>Minted</dt><dd>{Time(e.Created)}</dd>
          <dt>Records</dt><dd>{e.RecordCount}</dd>
          <dt>Countries</dt><dd>{List(e.Countries)}</dd>
          <dt>Sources</dt><dd>{List(e.Sources)}</dd>
          <dt>Identifiers</dt><dd>{List((e.ExternalIds ?? []).Select(x => x.ToString()).ToList())}</dd>
        </dl>
        """);

    /// <summary>A card for one side of a proposal (<paramref name="side"/> is "A" or "B").</summary>
    public static Html Render(EntitySummary e, string side)
    {
        var headingId = "entity-" + side.ToLowerInvariant();
        var more = e.Variants.Count > VariantsShown
            ? Html.Of($"""<li><a href="{EntityPages.Url(e.Id)}">all {e.Variants.Count} variants…</a></li>""")
            : Html.Empty;
        return Html.Of($"""
            <article class="entity" aria-labelledby="{headingId}">
              <h2 id="{headingId}"><span class="side">{side}</span>{e.CanonicalName}</h2>
              {Facts(e)}
              <h3>Name variants ({e.Variants.Count})</h3>
              <ul class="variants">{e.Variants.Take(VariantsShown).Select(Variant)}{more}</ul>
              <h3>Example records</h3>
              {Examples(e.ExampleRecords)}
            </article>
            """);
    }

    public static Html Variant(VariantRecord v) => Html.Of($"""
        <li>{v.DisplayName}{Detail(v.Country, v.SourceFile)}</li>
        """);

    public static Html Examples(IReadOnlyList<string> examples) => examples.Count == 0
        ? Html.Of($"<p class=\"muted\">none recorded</p>")
        : Html.Of($"<ul class=\"variants\">{examples.Select(x => Html.Of($"<li>{x}</li>"))}</ul>");

    public static Html Status(EntitySummary e) => e.Status == EntityStatus.Absorbed && e.SurvivorId is { } survivor
        ? Html.Of($"""absorbed into <a class="id" href="{EntityPages.Url(survivor)}">{survivor}</a>""")
        : Html.Text(e.Status);

    public static string KindLabel(string kind) => kind == "legal_entity" ? "legal entity" : kind;

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static Html List(IReadOnlyList<string> items) =>
        items.Count == 0 ? Html.Of($"<span class=\"muted\">none</span>") : Html.Text(string.Join(", ", items));

    private static Html Detail(string country, string source)
    {
        var parts = new[] { country, Path.GetFileName(source) }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return parts.Count == 0 ? Html.Empty : Html.Of($" <span class=\"muted\">· {string.Join(" · ", parts)}</span>");
    }
}
