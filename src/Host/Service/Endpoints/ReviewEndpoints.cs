using Names.Host.Service.Contracts;
using Names.Resolver.Identifiers;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>
/// Reviewer endpoints: GET /api/v1/review (pending proposals, most informative first, paged), POST
/// /api/v1/review/{id}/accept (merge) and /reject (cannot-link), POST /api/v1/entities/{id}/split.
/// </summary>
public static class ReviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/review", async (int? offset, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var (o, l) = RequestReader.Paging(offset, limit, settings);
            var (items, total) = await runtime.Review.PendingAsync(o, l, ct);
            return Results.Ok(new Page<ProposalView>(items.Select(p => new ProposalView(p.Id, p.EntityA, p.EntityB, p.Score, p.Explanation, p.Status, p.Created)).ToList(), o, l, total));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("ListProposals").WithSummary("Pending review proposals, most informative (score nearest 0.5) first")
        .Produces<Page<ProposalView>>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapPost("/review/{id:long}/accept", async (long id, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            var survivor = await Decide(() => runtime.Review.AcceptAsync(id, Actor(context), ct));
            return Results.Ok(new ReviewDecisionView(id, "accepted", survivor));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("AcceptProposal").WithSummary("Accept a proposal: the two entities are merged; the absorbed id keeps resolving to the survivor")
        .Produces<ReviewDecisionView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/review/{id:long}/reject", async (long id, HttpContext context, ServiceRuntime runtime, CancellationToken ct) =>
        {
            await Decide(async () => { await runtime.Review.RejectAsync(id, Actor(context), ct); return ""; });
            return Results.Ok(new ReviewDecisionView(id, "rejected", null));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reviewer))
        .WithName("RejectProposal").WithSummary("Reject a proposal: the two entities are recorded as different (cannot-link)")
        .Produces<ReviewDecisionView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

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

    private static string Actor(HttpContext context) => "api:" + context.User.Identity?.Name;

    /// <summary>Turns the review operations' exceptions into problems with stable codes.</summary>
    private static async Task<string> Decide(Func<Task<string>> decision)
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
