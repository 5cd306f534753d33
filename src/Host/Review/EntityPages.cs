using System.Globalization;
using Names.Host.Service;
using Names.Resolver.Identifiers;
using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Host.Review;

/// <summary>
/// GET /review/search?q= (entities by name, full text), GET /review/entities/{id} (variants, facts, history, and the
/// split form), POST /review/entities/{id}/split (the chosen variants leave for a new id).
/// </summary>
public static class EntityPages
{
    private const int SearchLimit = 50;
    private const int HistoryLimit = 500;
    private const int MaxQuery = 200;

    public static string Url(string id) => $"{ReviewPages.Root}/entities/{Uri.EscapeDataString(id)}";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(ReviewPages.Root + "/search", async (string? q, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            var text = q?.Trim() ?? "";
            if (text.Length > MaxQuery) text = text[..MaxQuery];
            var results = text.Length == 0 ? [] : await runtime.Review.SearchEntitiesAsync(text, SearchLimit, ct);
            return ReviewLayout.Page(context, text.Length == 0 ? "Search" : $"Search: {text}", SearchResults(text, results), search: text);
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();

        app.MapGet(ReviewPages.Root + "/entities/{id}", async (string id, string? splitFrom, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            if (!GlobalId.IsValid(id)) return ReviewLayout.Message(context, 400, "Not a Names id", $"'{id}' is not a Names id.");
            EntitySummary entity;
            try { entity = await runtime.Review.GetEntityAsync(id, ct); }
            catch (KeyNotFoundException) { return ReviewLayout.Message(context, 404, "Entity not found", $"No entity has the id {id}."); }
            var history = await runtime.Registry.ReadAsync(s => s.GetEventsAsync(entity.Id, 0, HistoryLimit, ct), ct);
            var notice = splitFrom is not null && GlobalId.IsValid(splitFrom)
                ? Html.Of($"""<p class="notice" role="status">Split off <a class="id" href="{Url(splitFrom)}">{splitFrom}</a> under this new id.</p>""")
                : Html.Empty;
            return ReviewLayout.Page(context, entity.CanonicalName, EntityView(context, entity, history, notice));
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();

        app.MapPost(ReviewPages.Root + "/entities/{id}/split", async (string id, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            if (await ReviewForms.ReadAsync(context) is not { } form) return ReviewForms.Refused(context);
            var variants = new List<long>();
            foreach (var value in form["variant"])
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) variants.Add(v);
            var reason = ReviewForms.Value(form, "reason") ?? "split by reviewer";
            try
            {
                var newId = await runtime.Review.SplitAsync(id, variants.Distinct().ToList(), ReviewSession.ActorOf(context.User), reason, ct);
                return Results.Redirect(Url(newId) + "?splitFrom=" + Uri.EscapeDataString(id));
            }
            catch (KeyNotFoundException) { return ReviewLayout.Message(context, 404, "Entity not found", $"No entity has the id {id}."); }
            catch (ArgumentException e) { return ReviewLayout.Message(context, 400, "Split not possible", e.Message); }
            catch (InvalidOperationException e) { return ReviewLayout.Message(context, 409, "Split not possible", e.Message); }
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();
    }

    private static Html SearchResults(string text, IReadOnlyList<EntitySummary> results)
    {
        if (text.Length == 0) return Html.Of($"<h1>Search entities</h1><p>Type a name in the search box (key <kbd>/</kbd>).</p>");
        if (results.Count == 0) return Html.Of($"<h1>Search: {text}</h1><p class=\"notice\" role=\"status\">No entity has a name like “{text}”.</p>");
        var rows = results.Select(e => Html.Of($"""
            <tr>
              <td><a href="{Url(e.Id)}">{e.CanonicalName}</a></td>
              <td class="id">{e.Id}</td>
              <td class="wide-only">{EntityCard.KindLabel(e.Kind)}</td>
              <td class="wide-only">{string.Join(", ", e.Countries)}</td>
              <td class="num">{e.RecordCount}</td>
            </tr>
            """));
        return Html.Of($"""
            <h1>Search: {text}</h1>
            <p role="status">{results.Count} {(results.Count == 1 ? "entity" : "entities")}{(results.Count == SearchLimit ? " (the first " + SearchLimit + ")" : "")}</p>
            <div class="table-wrap"><table>
              <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col" class="wide-only">Kind</th><th scope="col" class="wide-only">Countries</th><th scope="col" class="num">Records</th></tr></thead>
              <tbody>{rows}</tbody>
            </table></div>
            """);
    }

    private static Html EntityView(HttpContext context, EntitySummary e, IReadOnlyList<RegistryEvent> history, Html notice) => Html.Of($"""
        <h1>{e.CanonicalName}</h1>
        {notice}
        {EntityCard.Facts(e)}
        <h2 id="variants">Name variants ({e.Variants.Count})</h2>
        {Variants(context, e)}
        <h2>Example records</h2>
        {EntityCard.Examples(e.ExampleRecords)}
        <h2 id="history">History</h2>
        {History(history)}
        """);

    /// <summary>The variants; on an active entity with two or more, as the split form (check the ones that leave).</summary>
    private static Html Variants(HttpContext context, EntitySummary e)
    {
        var canSplit = e.Status == EntityStatus.Active && e.Variants.Count > 1;
        var rows = e.Variants.Select(v =>
        {
            var box = canSplit
                ? Html.Of($"""<input type="checkbox" id="v{v.Id}" name="variant" value="{v.Id}"> <label for="v{v.Id}">{v.DisplayName}</label>""")
                : Html.Text(v.DisplayName);
            return Html.Of($"""
                <tr>
                  <td>{box}</td>
                  <td>{v.Country}</td>
                  <td class="wide-only">{Path.GetFileName(v.SourceFile)}{(v.SourceRow > 0 ? ":" + v.SourceRow.ToString(CultureInfo.InvariantCulture) : "")}</td>
                  <td class="wide-only">{v.SourceRecordId}</td>
                </tr>
                """);
        });
        var table = Html.Of($"""
            <div class="table-wrap"><table>
              <thead><tr><th scope="col">Name</th><th scope="col">Country</th><th scope="col" class="wide-only">Source</th><th scope="col" class="wide-only">Record</th></tr></thead>
              <tbody>{rows}</tbody>
            </table></div>
            """);
        if (!canSplit) return table;
        return Html.Of($"""
            <form class="split" method="post" action="{Url(e.Id)}/split">
              {ReviewForms.TokenField(context)}
              <fieldset>
                <legend>Split: check the variants that belong to another party; they get a new id.</legend>
                {table}
                <p><label for="reason">Reason</label> <input id="reason" name="reason" maxlength="1000" placeholder="different firm"></p>
                <button type="submit">Split checked variants into a new id</button>
              </fieldset>
            </form>
            """);
    }

    private static Html History(IReadOnlyList<RegistryEvent> events)
    {
        if (events.Count == 0) return Html.Of($"<p class=\"muted\">No events.</p>");
        var rows = events.Select(ev => Html.Of($"""
            <tr>
              <td class="time">{EntityCard.Time(ev.Time)}</td>
              <td>{ev.Type.Replace('_', ' ')}</td>
              <td>{ev.Actor}</td>
              <td>{(ev.OtherId is { } other ? Html.Of($"""<a class="id" href="{Url(other)}">{other}</a>""") : Html.Empty)}</td>
              <td>{ev.Detail}</td>
            </tr>
            """));
        return Html.Of($"""
            <div class="table-wrap"><table class="history">
              <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">Other id</th><th scope="col">Detail</th></tr></thead>
              <tbody>{rows}</tbody>
            </table></div>
            """);
    }
}
