using Names.Host.Service.Contracts;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>POST/GET /api/v1/keys (admin): create a key (shown once in the answer) and list keys (paged, never the keys themselves).</summary>
public static class KeyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (HttpContext context, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var request = await RequestReader.ReadJsonAsync<CreateKeyRequest>(context, settings);
            var name = request.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 200)
                return ServiceProblem.Result(400, ProblemCodes.InvalidRequest, "Invalid key name", "'name' must have 1 to 200 characters.");
            if (ApiRoleText.Parse(request.Role) is not { } role)
                return ServiceProblem.Result(400, ProblemCodes.InvalidRole, "Invalid role", "'role' must be reader, filer, reviewer or admin.");
            var created = await runtime.Keys.AddKeyAsync(name, role, ct);
            var r = created.Record;
            return Results.Created($"/api/v1/keys/{r.Id}", new ApiKeyView(r.Id, r.Name, r.Role.ToText(), r.Prefix, r.Created, created.Key));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Admin))
        .Accepts<CreateKeyRequest>("application/json")
        .WithName("CreateKey").WithSummary("Create an API key; the key is in this answer only")
        .Produces<ApiKeyView>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/keys", async (int? offset, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var (o, l) = RequestReader.Paging(offset, limit, settings);
            var keys = await runtime.Keys.ListKeysAsync(o, l, ct);
            var total = await runtime.Keys.CountKeysAsync(ct);
            return Results.Ok(new Page<ApiKeyView>(keys.Select(k => new ApiKeyView(k.Id, k.Name, k.Role.ToText(), k.Prefix, k.Created)).ToList(), o, l, total));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Admin))
        .WithName("ListKeys").WithSummary("API keys (paged), without the keys themselves")
        .Produces<Page<ApiKeyView>>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
    }
}
