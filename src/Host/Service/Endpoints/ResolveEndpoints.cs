using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Names.Host.Service.Contracts;
using Names.Normalization;
using Names.Resolver.ExternalIds;
using Names.Resolver.Resolution;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>
/// POST /api/v1/resolve (filer): the id of the name's party, matched, newly minted or sent to review. With an
/// Idempotency-Key header the first answer is stored (per API key) and returned again for every retry; the same key
/// with a different request answers 422 idempotency_key_reused.
/// </summary>
public static class ResolveEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/resolve", async (HttpContext context, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var request = await RequestReader.ReadJsonAsync<ResolveRequest>(context, settings);
            RequestReader.RequireName(request.Name, settings);
            RequestReader.Optional(request.Country, settings, "country");
            RequestReader.Optional(request.Kind, settings, "kind");
            RequestReader.Optional(request.Source, settings, "source");
            RequestReader.Optional(request.FamilyName, settings, "familyName");
            RequestReader.Optional(request.GivenNames, settings, "givenNames");
            var externalIds = ExternalIdsOf(request);

            var idempotencyKey = context.Request.Headers[IdempotencyHeader].ToString();
            string? scope = null, requestHash = null;
            if (idempotencyKey.Length > 0)
            {
                if (idempotencyKey.Length > 200)
                    return ServiceProblem.Result(400, ProblemCodes.InvalidIdempotencyKey, "Invalid Idempotency-Key", "The key may have at most 200 characters.");
                scope = "key:" + ApiKeyAuthentication.KeyIdOf(context.User);
                requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, RequestReader.Json)));
                var stored = await runtime.Keys.GetAnswerAsync(scope, idempotencyKey, ct);
                if (stored is not null) return Replay(context, stored, requestHash);
            }

            var actor = "api:" + context.User.Identity?.Name;
            var parties = await runtime.Resolver.ResolveAsync(new NameInput(request.Name, request.Country, request.Kind, request.FamilyName, request.GivenNames),
                actor, request.Source ?? "api", ct, externalIds);
            foreach (var p in parties) runtime.Metrics.RecordResolution(p.Resolution);
            var views = parties.Select(p => new ResolvedPartyView(p.Party.PartySeq, p.Party.DisplayName, p.Party.NameKey, p.GlobalId, p.EntityKind, p.CanonicalName,
                p.Resolution, p.Score, p.Explanation, p.ProposedWith, p.Problem.Length > 0 ? p.Problem : null)).ToList();
            var first = views.FirstOrDefault(v => v.Resolution != ResolutionKind.Rejected);
            int status;
            string body;
            if (first is null)
            {
                status = 422;
                var problem = ServiceProblem.Create(422, ProblemCodes.UnusableName, "Unusable name",
                    "The name has no usable party: " + string.Join("; ", views.Select(v => v.Problem)));
                body = JsonSerializer.Serialize(problem, RequestReader.Json);
            }
            else
            {
                status = 200;
                body = JsonSerializer.Serialize(new ResolveResponse(first.Id, first.Resolution, views), RequestReader.Json);
            }
            if (scope is not null)
            {
                // The first stored answer wins: a concurrent retry that lost the race answers what the winner stored.
                var saved = await runtime.Keys.SaveAnswerAsync(new IdempotentAnswer(scope, idempotencyKey, requestHash!, status, body, DateTimeOffset.UtcNow), ct);
                if (saved.Body != body) return Replay(context, saved, requestHash!);
            }
            return Results.Text(body, status == 200 ? "application/json" : "application/problem+json", Encoding.UTF8, status);
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Filer))
        .Accepts<ResolveRequest>("application/json")
        .WithName("Resolve").WithSummary("Resolve a name to its global id (matched, new or review); Idempotency-Key makes retries safe")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = IdempotencyHeader, In = Microsoft.OpenApi.ParameterLocation.Header, Required = false,
                Description = "Any unique text (at most 200 characters) chosen by the client per request: a retry with the same key answers the first answer " +
                              $"again (with {ReplayedHeader}: true) instead of resolving twice; the same key with a different request answers 422 idempotency_key_reused.",
                Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 200 },
            });
            return Task.CompletedTask;
        })
        .Produces<ResolveResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422);
    }

    /// <summary>The request's identifiers in normal form; 400 invalid_external_id with the reason for the first one refused.</summary>
    private static List<ExternalId> ExternalIdsOf(ResolveRequest request)
    {
        var ids = new List<ExternalId>();
        foreach (var (scheme, value) in request.ExternalIds ?? new Dictionary<string, string>())
        {
            if (!ExternalIdSchemes.TryParse(scheme, value ?? "", out var id, out var reason))
                throw new ServiceProblemException(400, ProblemCodes.InvalidExternalId, "Not a valid identifier", $"externalIds.{scheme}: {reason}");
            if (ids.Any(x => x.Scheme == id.Scheme)) throw new ServiceProblemException(400, ProblemCodes.InvalidExternalId, "Not a valid identifier", $"externalIds names scheme '{id.Scheme}' twice");
            ids.Add(id);
        }
        return ids;
    }

    private static IResult Replay(HttpContext context, IdempotentAnswer stored, string requestHash)
    {
        if (stored.RequestHash != requestHash)
            return ServiceProblem.Result(422, ProblemCodes.IdempotencyKeyReused, "Idempotency-Key reused",
                "This Idempotency-Key was first used with a different request; use a new key for a new request.");
        context.Response.Headers[ReplayedHeader] = "true";
        return Results.Text(stored.Body, stored.Status == 200 ? "application/json" : "application/problem+json", Encoding.UTF8, stored.Status);
    }
}
