using Names.Resolver.Review;
using Names.Resolver.Storage;

namespace Names.Host.Review;

/// <summary>
/// One proposal on the page: the filters, the score, the decision form (accept, reject, skip with an optional
/// comment; undo), both entities side by side, the per-feature contributions and the nearest other candidates.
/// </summary>
public static class ProposalPage
{
    public static Html Render(HttpContext context, ProposalDetail? detail, QueueFilter filter, int pendingTotal, double boundary, Html notice)
    {
        var head = Html.Of($"""
            {notice}
            {FilterForm(filter)}
            """);
        if (detail is null)
        {
            var clear = filter.IsEmpty ? Html.Empty : Html.Of($"""<a href="{ReviewPages.Root}">Show all proposals</a>""");
            return Html.Of($"""
                <h1>Review queue</h1>
                {head}
                <p class="notice" role="status">Nothing left for you to review{(filter.IsEmpty ? "" : " with these filters")}{(pendingTotal > 0 ? $" ({pendingTotal} pending that you skipped)" : "")}. {clear}</p>
                {UndoForm(context, filter)}
                """);
        }
        return Html.Of($"""
            <h1>Proposal {detail.Proposal.Id} <span class="muted">· {pendingTotal} pending{(filter.IsEmpty ? "" : " with these filters")}</span></h1>
            {head}
            {Body(context, detail, filter, boundary)}
            """);
    }

    /// <summary>A proposal opened by its id (pending or already decided).</summary>
    public static Html RenderSingle(HttpContext context, ProposalDetail detail, double boundary)
    {
        var p = detail.Proposal;
        var state = p.Status == ProposalStatus.Pending
            ? Html.Empty
            : Html.Of($"<p class=\"notice\" role=\"status\">This proposal is {p.Status}{(p.DecidedBy is null ? "" : " by " + p.DecidedBy)}.</p>");
        return Html.Of($"""
            <h1>Proposal {p.Id}</h1>
            {state}
            {Body(context, detail, QueueFilter.From(_ => null), boundary)}
            """);
    }

    private static Html Body(HttpContext context, ProposalDetail d, QueueFilter filter, double boundary)
    {
        var p = d.Proposal;
        var decide = p.Status == ProposalStatus.Pending ? DecisionForm(context, p.Id, filter) : Html.Empty;
        return Html.Of($"""
            <section class="summary-line" aria-label="Score">
              <p>Match score <span class="score">{p.Score:0.000}</span></p>
              <meter min="0" max="1" value="{p.Score:0.###}" aria-label="match score {p.Score:0.000}">{p.Score:0.000}</meter>
              <p class="muted">Decision boundary {boundary:0.00} · proposed {EntityCard.Time(p.Created)}</p>
            </section>
            {decide}
            {UndoForm(context, filter)}
            <div class="pair">
              {EntityCard.Render(d.A, "A")}
              {EntityCard.Render(d.B, "B")}
            </div>
            <section aria-labelledby="why">
              <h2 id="why">Why it was proposed</h2>
              <p class="muted">When proposed: {p.Explanation}</p>
              {Charts(d)}
            </section>
            <section aria-labelledby="nearest">
              <h2 id="nearest">Nearest other candidates</h2>
              {Nearest(d)}
            </section>
            """);
    }

    private static Html DecisionForm(HttpContext context, long id, QueueFilter filter) => Html.Of($"""
        <form class="decide" method="post" action="{DecisionUrl(id, "accept")}" aria-label="Decision on proposal {id}">
          {ReviewForms.TokenField(context)}
          {filter.HiddenFields()}
          <label for="comment">Comment (optional)
            <textarea id="comment" name="comment" maxlength="1000" rows="1"></textarea>
          </label>
          <div class="buttons">
            <button type="submit" class="accept" formaction="{DecisionUrl(id, "accept")}" data-shortcut="accept" aria-keyshortcuts="a">Accept: same entity (a)</button>
            <button type="submit" class="reject" formaction="{DecisionUrl(id, "reject")}" data-shortcut="reject" aria-keyshortcuts="r">Reject: different (r)</button>
            <button type="submit" formaction="{DecisionUrl(id, "skip")}" data-shortcut="skip" aria-keyshortcuts="s">Skip (s)</button>
          </div>
        </form>
        """);

    private static Html UndoForm(HttpContext context, QueueFilter filter) => Html.Of($"""
        <form class="undo" method="post" action="{QueuePages.UndoPath}">
          {ReviewForms.TokenField(context)}
          {filter.HiddenFields()}
          <button type="submit" data-shortcut="undo" aria-keyshortcuts="u">Undo my last decision (u)</button>
        </form>
        """);

    private static Html FilterForm(QueueFilter f) => Html.Of($"""
        <form class="filters" method="get" action="{ReviewPages.Root}" aria-label="Filters">
          <label for="f-kind">Kind
            <select id="f-kind" name="kind">{QueueFilter.Kinds.Select(k => Html.Of($"<option value=\"{k.Value}\"{(k.Value == (f.Kind ?? "") ? Html.Of($" selected") : Html.Empty)}>{k.Label}</option>"))}</select>
          </label>
          <label for="f-country">Country <input id="f-country" name="country" value="{f.Country}" maxlength="8" placeholder="NL"></label>
          <label for="f-min">Score from <input id="f-min" name="min" type="number" min="0" max="1" step="0.01" value="{f.MinScore}"></label>
          <label for="f-max">to <input id="f-max" name="max" type="number" min="0" max="1" step="0.01" value="{f.MaxScore}"></label>
          <label for="f-source">Source <input id="f-source" name="source" value="{f.Source}" placeholder="file name"></label>
          <button type="submit">Filter</button>
        </form>
        """);

    private static Html Nearest(ProposalDetail d)
    {
        if (d.NearestOthers.Count == 0) return Html.Of($"<p class=\"muted\">No other entity comes close to {d.A.CanonicalName}.</p>");
        var rows = d.NearestOthers.Select(c => Html.Of($"""
            <tr>
              <td><a href="{EntityPages.Url(c.EntityId)}">{c.CanonicalName}</a></td>
              <td class="id wide-only">{c.EntityId}</td>
              <td>{c.MatchedVariant}</td>
              <td class="num">{c.Probability:0.000}</td>
            </tr>
            """));
        return Html.Of($"""
            <div class="table-wrap"><table>
              <caption class="muted">Other entities most like {d.A.CanonicalName}, by match probability</caption>
              <thead><tr><th scope="col">Entity</th><th scope="col" class="wide-only">Id</th><th scope="col">Closest variant</th><th scope="col" class="num">Score</th></tr></thead>
              <tbody>{rows}</tbody>
            </table></div>
            """);
    }

    public static string DecisionUrl(long id, string action) => $"{ReviewPages.Root}/proposals/{id}/{action}";

    /// <summary>
    /// The proposing run's contributions when the proposal kept them; then the current model's, when it scores the pair
    /// otherwise (or when nothing was kept: proposals stored before schema version 4).
    /// </summary>
    private static Html Charts(ProposalDetail d)
    {
        var p = d.Proposal;
        if (p.Contributions is null) return Html.Of($"{Rescored(d)}{ContributionChart.Render(d.Contributions)}");
        var proposed = Html.Of($"""
            <h3>As the proposing run scored it (p = {p.Score:0.000})</h3>
            {ContributionChart.Render(p.Contributions)}
            """);
        if (d.CurrentProbability is not { } now || Math.Abs(now - p.Score) < 0.005)
            return Html.Of($"{proposed}<p class=\"muted\">The current model scores the closest pair of variants the same{(d.CurrentProbability is { } same ? Html.Of($": p = {same:0.000}") : Html.Empty)}.</p>");
        return Html.Of($"""
            {proposed}
            <h3>With the current model (p = {now:0.000})</h3>
            {Rescored(d)}
            {ContributionChart.Render(d.Contributions)}
            """);
    }

    /// <summary>
    /// The chart re-scores the closest pair of variants with the current model; say so, and say when that differs from
    /// the score the proposing run gave (another model, or word frequencies that changed as the registry grew).
    /// </summary>
    private static Html Rescored(ProposalDetail d)
    {
        if (d.CurrentProbability is not { } now) return Html.Empty;
        var then = d.Proposal.Score;
        return Math.Abs(now - then) < 0.005
            ? Html.Of($"<p class=\"muted\">The chart re-scores the closest pair of variants with the current model: p = {now:0.000}.</p>")
            : Html.Of($"<p class=\"muted\">The chart re-scores the closest pair of variants with the current model: p = {now:0.000} now, {then:0.000} when proposed (the model or the word frequencies it weighs have changed since).</p>");
    }
}
