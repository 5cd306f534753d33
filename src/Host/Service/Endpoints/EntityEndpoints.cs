using Names.Host.Service.Contracts;
using Names.Resolver.ExternalIds;
using Names.Resolver.Identifiers;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Host.Service.Endpoints;

/// <summary>
/// GET /api/v1/entities/{id} and /history (reader). An absorbed id answers with its survivor and says so
/// (absorbed = true, requestedId = the id asked for); an erased person's id answers 410. Reads of persons are audited.
/// GET /api/v1/entities?scheme=&amp;value= finds the entity holding an external identifier.
/// </summary>
public static class EntityEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/entities/{id}", async (string id, int? offset, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var (o, l) = RequestReader.Paging(offset, limit, settings);
            return Results.Ok(await ViewAsync(runtime, id, o, l, ct));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
        .WithMetadata(new AuditedRead())
        .WithName("GetEntity").WithSummary("An entity with its name variants (paged) and external identifiers; an absorbed id answers with its survivor")
        .Produces<EntityView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(410);

        api.MapGet("/entities", async (string? scheme, string? value, int? offset, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var (o, l) = RequestReader.Paging(offset, limit, settings);
            if (string.IsNullOrWhiteSpace(scheme) || string.IsNullOrWhiteSpace(value))
                throw new ServiceProblemException(400, ProblemCodes.InvalidExternalId, "Scheme and value needed", "Ask with ?scheme=lei&value=... (schemes: " + string.Join(", ", ExternalIdSchemes.Names) + ").");
            if (!ExternalIdSchemes.TryParse(scheme, value, out var externalId, out var reason))
                throw new ServiceProblemException(400, ProblemCodes.InvalidExternalId, "Not a valid identifier", reason);
            var link = await runtime.ReviewStore.FindExternalIdAsync(externalId.Scheme, externalId.Value, ct)
                ?? throw new ServiceProblemException(404, ProblemCodes.EntityNotFound, "Entity not found", $"No entity holds {externalId}.");
            return Results.Ok(await ViewAsync(runtime, link.EntityId, o, l, ct));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
        .WithName("FindEntityByExternalId").WithSummary("The entity holding an external identifier (scheme lei, ror, orcid, isni, wikidata, fundref or office:XX); an invalid value answers 400 with the reason")
        .Produces<EntityView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        api.MapGet("/entities/{id}/history", async (string id, int? offset, int? limit, ServiceRuntime runtime, ServiceSettings settings, CancellationToken ct) =>
        {
            var (o, l) = RequestReader.Paging(offset, limit, settings);
            return await runtime.Registry.ReadAsync<IResult>(async s =>
            {
                var (entity, absorbed) = await FindAsync(s, id, runtime, ct);
                var events = await s.GetEventsAsync(entity.Id, o, l, ct);
                var total = await s.CountEventsAsync(entity.Id, ct);
                return Results.Ok(new HistoryView(entity.Id, id, absorbed,
                    new Page<EventView>(events.Select(e => new EventView(e.Seq, e.Type, e.EntityId, e.OtherId, e.Actor, e.Detail, e.Time)).ToList(), o, l, total)));
            }, ct);
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
        .WithMetadata(new AuditedRead())
        .WithName("GetEntityHistory").WithSummary("The entity's events (minted, variant linked, merged, split, decided), oldest first, paged")
        .Produces<HistoryView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(410);
    }

    private static async Task<EntityView> ViewAsync(ServiceRuntime runtime, string id, int offset, int limit, CancellationToken ct)
    {
        var view = await runtime.Registry.ReadAsync(async s =>
        {
            var (entity, absorbed) = await FindAsync(s, id, runtime, ct);
            var variants = await s.GetVariantsOfEntityAsync(entity.Id, offset, limit, ct);
            var total = await s.CountVariantsOfEntityAsync(entity.Id, ct);
            return new EntityView(entity.Id, id, absorbed, entity.Kind, entity.CanonicalName, entity.Status,
                new Page<VariantView>(variants.Select(v => new VariantView(v.Id, v.DisplayName, v.NameKey, v.Kind, v.Country, v.SourceFile, v.RawName)).ToList(), offset, limit, total),
                []);
        }, ct);
        var ids = await runtime.ReviewStore.GetExternalIdsAsync(view.Id, ct);
        return view with { ExternalIds = ids.Select(x => new ExternalIdView(x.Scheme, x.Value, x.EntityId, x.Source, x.Status)).ToList() };
    }

    private static async Task<(EntityRecord Entity, bool Absorbed)> FindAsync(IRegistrySession s, string id, ServiceRuntime runtime, CancellationToken ct)
    {
        RequireId(id);
        var entity = await OnlineResolver.SurvivorAsync(s, id, ct)
                     ?? throw new ServiceProblemException(404, ProblemCodes.EntityNotFound, "Entity not found", $"No entity has the id {id}.");
        if (entity.Status == EntityStatus.Erased)
        {
            var on = (await runtime.ReviewStore.PersonalData.GetErasuresAsync(entity.Id, ct)).FirstOrDefault()?.Time;
            throw new ServiceProblemException(410, ProblemCodes.EntityErased, "Entity erased",
                $"The person with the id {id} was erased on {on?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown date"}; the id stays, the data is gone.");
        }
        return (entity, entity.Id != id);
    }

    /// <summary>A malformed id answers 400 before anything is read.</summary>
    internal static void RequireId(string id)
    {
        if (!GlobalId.IsValid(id))
            throw new ServiceProblemException(400, ProblemCodes.InvalidId, "Not a Names id", "An id has 16 characters: P or L, 13 Crockford base32 characters, 2 check digits.");
    }
}
