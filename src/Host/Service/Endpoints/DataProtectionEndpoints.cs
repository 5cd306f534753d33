using System.Globalization;
using Names.Host.Privacy;
using Names.Host.Service.Contracts;
using Names.Resolver.Privacy;
using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>
/// Data protection (issue 16): POST /api/v1/entities/{id}/erase (admin), GET /api/v1/entities/{id}/personal-data
/// (admin; audited) and the change feed GET /api/v1/changes (reader).
/// </summary>
public static class DataProtectionEndpoints
{
    public const int MaxChanges = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/entities/{id}/erase", async (string id, HttpContext context, ServiceRuntime runtime, ServiceSettings settings, ILoggerFactory logs, CancellationToken ct) =>
        {
            EntityEndpoints.RequireId(id);
            var request = await RequestReader.ReadJsonAsync<EraseRequest>(context, settings);
            var reason = RequestReader.Optional(request.Reason, settings, "reason")
                         ?? throw new ServiceProblemException(400, ProblemCodes.InvalidRequest, "Reason required", "'reason' says why the person's data is erased.");
            var log = logs.CreateLogger("Names.Host.Service.Erasure");
            var outcome = await PersonErasure.EraseAsync(runtime.ReviewStore, ServiceRuntime.Location(settings),
                new ErasureRequest(id, context.User.Identity?.Name ?? "api", reason), runtime.Resolver.ReadModel, m => log.LogWarning("{Message}", m), ct);
            return outcome.Status switch
            {
                ErasureStatus.NotFound => throw new ServiceProblemException(404, ProblemCodes.EntityNotFound, "Entity not found", $"No entity has the id {id}."),
                ErasureStatus.NotAPerson => throw new ServiceProblemException(409, ProblemCodes.NotAPerson, "Not a natural person",
                    $"{outcome.EntityId} is a legal entity: its name is not personal data and is not erased."),
                _ => Results.Ok(new ErasureView(outcome.EntityId!, outcome.Status == ErasureStatus.Erased ? "erased" : "already_erased",
                    outcome.EntityIds, outcome.ErasedOn, outcome.VariantIds.Count, outcome.ScrubbedEvents)),
            };
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Admin))
        .Accepts<EraseRequest>("application/json")
        .WithName("EraseEntity").WithSummary("Erase a natural person's data (names, raw inputs, provenance, contributions); the id stays and answers 410")
        .Produces<ErasureView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/entities/{id}/personal-data", async (string id, ServiceRuntime runtime, CancellationToken ct) =>
        {
            EntityEndpoints.RequireId(id);
            var report = await runtime.ReviewStore.PersonalData.GetPersonalDataAsync(id, ct)
                         ?? throw new ServiceProblemException(404, ProblemCodes.EntityNotFound, "Entity not found", $"No entity has the id {id}.");
            return Results.Ok(report);
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Admin))
        .WithMetadata(new AuditedRead())
        .WithName("GetPersonalData").WithSummary("Everything the registry holds about the person: variants, raw names, provenance, events, decisions")
        .Produces<PersonalDataReport>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        api.MapGet("/changes", async (string? after, int? limit, ServiceRuntime runtime, CancellationToken ct) =>
        {
            long cursor = 0;
            if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor)))
                throw new ServiceProblemException(400, ProblemCodes.InvalidCursor, "Malformed cursor", "'after' is the seq of the last change read: a whole number, 0 or more.");
            var take = limit ?? 100;
            if (take is < 1 or > MaxChanges)
                throw new ServiceProblemException(400, ProblemCodes.InvalidLimit, "Limit out of range", $"'limit' is from 1 to {MaxChanges}.");
            var page = await runtime.ReviewStore.PersonalData.GetChangesAsync(cursor, take, ct);
            return Results.Ok(new ChangesView(page.Changes.Select(c => new ChangeView(c.Seq, c.Type, c.Id, c.Survivor, c.Origin, c.Time, c.Detail)).ToList(), page.Next));
        })
        .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
        .WithName("GetChanges").WithSummary("Identifier changes after a cursor, in one total order: minted, merged, unmerged, split, erased, external_id_linked, external_id_updated")
        .Produces<ChangesView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
    }
}
