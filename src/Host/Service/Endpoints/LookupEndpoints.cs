using Names.Host.Service.Contracts;
using Names.Normalization;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>GET /api/v1/lookup (reader): the cleaned name and ranked candidate entities with per-feature explanations; writes nothing.</summary>
public static class LookupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/lookup", async (string? name, string? country, string? kind, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            RequestReader.RequireName(name, settings);
            RequestReader.Optional(country, settings, "country");
            RequestReader.Optional(kind, settings, "kind");
            var max = limit ?? 10;
            if (max < 1 || max > settings.MaxLookupLimit)
                return ServiceProblem.Result(400, ProblemCodes.InvalidLimit, "Invalid limit", $"limit must be between 1 and {settings.MaxLookupLimit}.");
            var lookups = await runtime.Resolver.LookupAsync(new NameInput(name, country, kind), max, ct);
            var options = runtime.Resolver.Options;
            return Results.Ok(new LookupResponse(name!, lookups.Select(l => new PartyCandidates(PartyView.From(l.Party),
                l.Candidates.Select(c => CandidateViews.From(c, options.UpperThreshold, options.LowerThreshold)).ToList())).ToList()));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
        .WithName("Lookup").WithSummary("Ranked candidate entities for a name, with explanations")
        .Produces<LookupResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
    }
}
