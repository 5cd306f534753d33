using Names.Host.Service.Contracts;
using Names.Resolver.Identifiers;
using Names.Resolver.Review;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>
/// Reviewer endpoints over <see cref="ReviewQueue"/>: GET /api/v1/review (pending proposals, most informative first,
/// filtered, paged), GET /review/next (the reviewer's next proposal in detail), GET /review/{id} (detail), POST
/// /review/{id}/accept | reject | skip | undo and POST /review/undo (optional body {"comment": "..."}), GET
/// /review/search?q= (entities by name), POST /api/v1/entities/{id}/split. The reviewer is the API key's name.
/// </summary>
public static class ReviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/review", async (string? kind, string? country, double? minScore, double? maxScore, string? source, int? offset, int? limit,
            ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var (o, l) = RequestReader.Paging(offset, limit, settings);
            var filter = Filter(kind, country, minScore, maxScore, source, settings);
            var (items, total) = await runtime.Review.PendingAsync(filter, o, l, ct);
            return Results.Ok(new Page<ProposalView>(items.Select(ProposalView.From).ToList(), o, l, total));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("ListProposals").WithSummary("Pending review proposals, most informative (score nearest the middle of the review band, then larger entities) first; filters kind, country, minScore, maxScore, source")
        .Produces<Page<ProposalView>>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/review/next", async (string? kind, string? country, double? minScore, double? maxScore, string? source,
            HttpContext context, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var detail = await runtime.Review.NextAsync(Filter(kind, country, minScore, maxScore, source, settings), Actor(context), ct);
            return detail is null ? Results.NoContent() : Results.Ok(ProposalDetailView.From(detail));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("NextProposal").WithSummary("The first pending proposal (same order and filters as the list) this reviewer has not skipped; 204 when none is left")
        .Produces<ProposalDetailView>().Produces(204).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/review/search", async (string? q, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var text = RequestReader.RequireName(q, settings, "q");
            var (_, l) = RequestReader.Paging(0, limit ?? 20, settings);
            return Results.Ok((await runtime.Review.SearchEntitiesAsync(text, l, ct)).Select(EntitySummaryView.From).ToList());
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("SearchEntities").WithSummary("Entities whose names match the text (full-text trigram search), best first")
        .Produces<List<EntitySummaryView>>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/review/{id:long}", async (long id, ServiceRuntime runtime, CancellationToken ct) =>
            Results.Ok(ProposalDetailView.From(await Decide(() => runtime.Review.GetDetailAsync(id, ct)))))
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("GetProposal").WithSummary("One proposal with both entities, the per-feature contributions and the nearest other entities")
        .Produces<ProposalDetailView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        MapDecision(api, "accept", "AcceptProposal", "Accept a proposal: the two entities are merged; the older id survives and the other keeps resolving to it",
            (q, id, actor, comment, ct) => q.AcceptAsync(id, actor, comment, ct));
        MapDecision(api, "reject", "RejectProposal", "Reject a proposal: the two entities are recorded as different (a cannot-link every later run honours)",
            (q, id, actor, comment, ct) => q.RejectAsync(id, actor, comment, ct));
        MapDecision(api, "skip", "SkipProposal", "Skip a proposal: it stays pending, but /review/next no longer offers it to this reviewer",
            (q, id, actor, _, ct) => q.SkipAsync(id, actor, ct));
        MapDecision(api, "undo", "UndoOnProposal", "Undo this reviewer's last decision, which must be about this proposal (409 otherwise); the proposal is pending again",
            async (q, id, actor, comment, ct) => await q.UndoAsync(actor, id, comment, ct) ?? throw NothingToUndo());

        api.MapPost("/review/undo", async (HttpContext context, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var comment = await CommentAsync(context, settings);
            var decision = await Decide(async () => await runtime.Review.UndoAsync(Actor(context), null, comment, ct) ?? throw NothingToUndo());
            return Results.Ok(ReviewDecisionView.From(decision));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .Accepts<ReviewDecisionRequestBody>("application/json")
        .WithName("UndoLastDecision").WithSummary("Undo this reviewer's last decision (un-merge, remove the cannot-link, or forget the skip); the proposal is pending again")
        .Produces<ReviewDecisionView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/entities/{id}/split", async (string id, HttpContext context, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            if (!GlobalId.IsValid(id)) return ServiceProblem.Result(400, ProblemCodes.InvalidId, "Not a Names id", $"'{id}' is not a Names id.");
            var request = await RequestReader.ReadJsonAsync<SplitRequest>(context, settings);
            if (request.Variants is not { Count: > 0 })
                return ServiceProblem.Result(400, ProblemCodes.InvalidSplit, "No variants", "'variants' must list the ids of the variants that leave.");
            var reason = RequestReader.Optional(request.Reason, settings, "reason") ?? "split by reviewer";
            var newId = await Decide(() => runtime.Review.SplitAsync(id, request.Variants.Distinct().ToList(), Actor(context), reason, ct));
            return Results.Created($"/api/v1/entities/{newId}", new SplitView(id, newId, request.Variants.Distinct().ToList()));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .Accepts<SplitRequest>("application/json")
        .WithName("SplitEntity").WithSummary("Split variants off an entity into a newly minted one")
        .Produces<SplitView>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private delegate Task<ReviewDecision> DecisionAction(ReviewQueue queue, long proposalId, string actor, string? comment, CancellationToken ct);

    private static void MapDecision(RouteGroupBuilder api, string verb, string name, string summary, DecisionAction action) =>
        api.MapPost($"/review/{{id:long}}/{verb}", async (long id, HttpContext context, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var comment = await CommentAsync(context, settings);
            return Results.Ok(ReviewDecisionView.From(await Decide(() => action(runtime.Review, id, Actor(context), comment, ct))));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .Accepts<ReviewDecisionRequestBody>("application/json")
        .WithName(name).WithSummary(summary)
        .Produces<ReviewDecisionView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    private static ProposalFilter Filter(string? kind, string? country, double? minScore, double? maxScore, string? source, ServiceSettings settings)
    {
        if (minScore is < 0 or > 1 || maxScore is < 0 or > 1 || minScore > maxScore)
            throw new ServiceProblemException(400, ProblemCodes.InvalidRequest, "Invalid score band", "minScore and maxScore must lie in [0, 1], minScore <= maxScore.");
        return new ProposalFilter(RequestReader.Optional(kind, settings, "kind"), RequestReader.Optional(country, settings, "country"), minScore, maxScore,
            RequestReader.Optional(source, settings, "source"));
    }

    /// <summary>The optional {"comment": "..."} body; no body (or an empty one) is no comment.</summary>
    private static async Task<string?> CommentAsync(HttpContext context, ServiceSettings settings)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.HasJsonContentType())) return null;
        var body = await RequestReader.ReadJsonAsync<ReviewDecisionRequestBody>(context, settings);
        var comment = RequestReader.Optional(body.Comment, settings, "comment");
        return string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    private static KeyNotFoundException NothingToUndo() => new("you have no decision to undo");

    private static string Actor(HttpContext context) => "api:" + context.User.Identity?.Name;

    /// <summary>Turns the review operations' exceptions into problems with stable codes.</summary>
    private static async Task<T> Decide<T>(Func<Task<T>> decision)
    {
        try
        {
            return await decision();
        }
        catch (KeyNotFoundException e)
        {
            throw new ServiceProblemException(404, ProblemCodes.NotFound, "Not found", e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new ServiceProblemException(409, ProblemCodes.Conflict, "Conflicting decision", e.Message);
        }
        catch (ArgumentException e)
        {
            throw new ServiceProblemException(400, ProblemCodes.InvalidSplit, "Invalid split", e.Message);
        }
    }
}
