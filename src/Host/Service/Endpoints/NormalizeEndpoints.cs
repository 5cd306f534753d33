using Names.Host.Service.Contracts;
using Names.Normalization;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>POST /api/v1/normalize (reader): cleans a batch of names into party records; writes nothing.</summary>
public static class NormalizeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/normalize", async (HttpContext context, ServiceRuntime runtime, ServiceSettings settings) =>
        {
            var request = await RequestReader.ReadJsonAsync<NormalizeRequest>(context, settings);
            if (request.Names is null || request.Names.Count == 0)
                return ServiceProblem.Result(400, ProblemCodes.MissingName, "No names", "'names' must hold at least one name.");
            if (request.Names.Count > settings.MaxNamesPerBatch)
                return ServiceProblem.Result(400, ProblemCodes.TooManyNames, "Too many names", $"{request.Names.Count} names sent; at most {settings.MaxNamesPerBatch} per request.");
            var items = request.Names.Select((n, i) => RequestReader.CheckItem(n, i, settings)).ToList();
            var results = new NormalizedName[items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                var n = items[i];
                var parties = runtime.Resolver.Normalize(new NameInput(n.Name, n.Country, n.Kind, n.FamilyName, n.GivenNames));
                results[i] = new NormalizedName(i, n.Name!, parties.Select(PartyView.From).ToList());
            }
            return Results.Ok(new NormalizeResponse(results));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
        .Accepts<NormalizeRequest>("application/json")
        .WithName("Normalize").WithSummary("Clean names into party records (rules R1-R23)")
        .Produces<NormalizeResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413);
    }
}
