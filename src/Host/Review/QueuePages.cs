using System.Globalization;
using Names.Host.Service;
using Names.Resolver.Review;

namespace Names.Host.Review;

/// <summary>
/// GET /review (the next proposal for the signed-in reviewer under the filters), GET /review/proposals/{id}, and the
/// decisions: POST /review/proposals/{id}/accept | reject | skip (optional comment) and POST /review/undo (the
/// reviewer's own last decision). Every POST answers with a redirect back to the filtered queue, saying what was done.
/// </summary>
public static class QueuePages
{
    public const string UndoPath = ReviewPages.Root + "/undo";
    private const int MaxComment = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(ReviewPages.Root, async (HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            var filter = QueueFilter.From(context.Request.Query);
            var proposals = filter.ToProposalFilter();
            // Both ordered and counted by the database (PendingProposalSql): a page costs milliseconds at any queue size.
            var total = await runtime.Review.CountPendingAsync(proposals, ct);
            var detail = await runtime.Review.NextAsync(proposals, ReviewSession.ActorOf(context.User), ct);
            var title = detail is null ? "Review queue" : $"Proposal {detail.Proposal.Id}";
            return ReviewLayout.Page(context, title, ProposalPage.Render(context, detail, filter, total, runtime.Review.DecisionBoundary, Outcome(context.Request.Query)));
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();

        app.MapGet(ReviewPages.Root + "/proposals/{id:long}", async (long id, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            try
            {
                var detail = await runtime.Review.GetDetailAsync(id, ct);
                return ReviewLayout.Page(context, $"Proposal {id}", ProposalPage.RenderSingle(context, detail, runtime.Review.DecisionBoundary));
            }
            catch (KeyNotFoundException)
            {
                return ReviewLayout.Message(context, 404, "Proposal not found", $"There is no proposal {id}.");
            }
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();

        // One route per decision (the slim host has no regex route constraint).
        foreach (var action in new[] { "accept", "reject", "skip" })
            app.MapPost(ReviewPages.Root + "/proposals/{id:long}/" + action, async (long id, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            if (await ReviewForms.ReadAsync(context) is not { } form) return ReviewForms.Refused(context);
            var filter = QueueFilter.From(form);
            var actor = ReviewSession.ActorOf(context.User);
            var comment = ReviewForms.Value(form, "comment", MaxComment);
            try
            {
                var decision = action switch
                {
                    "accept" => await runtime.Review.AcceptAsync(id, actor, comment, ct),
                    "reject" => await runtime.Review.RejectAsync(id, actor, comment, ct),
                    _ => await runtime.Review.SkipAsync(id, actor, ct),
                };
                return Results.Redirect(filter.QueueUrl(("done", Id(decision.ProposalId)), ("status", decision.Status), ("survivor", decision.SurvivorId)));
            }
            catch (KeyNotFoundException)
            {
                return ReviewLayout.Message(context, 404, "Proposal not found", $"There is no proposal {id}.");
            }
            catch (InvalidOperationException e)
            {
                return ReviewLayout.Message(context, 409, "Decision not possible", e.Message);
            }
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();

        app.MapPost(UndoPath, async (HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            if (await ReviewForms.ReadAsync(context) is not { } form) return ReviewForms.Refused(context);
            var filter = QueueFilter.From(form);
            try
            {
                var undone = await runtime.Review.UndoAsync(ReviewSession.ActorOf(context.User), ct);
                return Results.Redirect(undone is null
                    ? filter.QueueUrl(("status", "nothing-to-undo"))
                    : filter.QueueUrl(("done", Id(undone.ProposalId)), ("status", ReviewDecisionStatus.Undone)));
            }
            catch (InvalidOperationException e)
            {
                return ReviewLayout.Message(context, 409, "Undo not possible", e.Message);
            }
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();
    }

    /// <summary>What the last POST did, from the redirect's query (only known statuses are shown).</summary>
    private static Html Outcome(IQueryCollection query)
    {
        var status = query["status"].ToString();
        if (status == "nothing-to-undo") return Notice(Html.Of($"You have no decision to undo."));
        if (!long.TryParse(query["done"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return Html.Empty;
        var proposal = Html.Of($"""<a href="{ReviewPages.Root}/proposals/{id}">proposal {id}</a>""");
        var survivor = query["survivor"].ToString();
        return status switch
        {
            ReviewDecisionStatus.Accepted when survivor.Length > 0 => Notice(Html.Of($"""Accepted {proposal}: the two entities are now one, <a class="id" href="{EntityPages.Url(survivor)}">{survivor}</a>.""")),
            ReviewDecisionStatus.Accepted => Notice(Html.Of($"Accepted {proposal}.")),
            ReviewDecisionStatus.Rejected => Notice(Html.Of($"Rejected {proposal}: the two entities are recorded as different and will not be proposed again.")),
            ReviewDecisionStatus.Skipped => Notice(Html.Of($"Skipped {proposal}; it stays pending for other reviewers.")),
            ReviewDecisionStatus.Undone => Notice(Html.Of($"Undid your last decision, on {proposal}; it is pending again.")),
            _ => Html.Empty,
        };
    }

    private static Html Notice(Html text) => Html.Of($"<p class=\"notice\" role=\"status\">{text}</p>");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
