using Names.Host.Service.Contracts;
using Names.Normalization;

namespace Names.Host.Service.Endpoints;

/// <summary>GET /api/v1/health: answers 200 when the store answers a query, 503 store_unavailable otherwise. No key needed.</summary>
public static class HealthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/health", async (ServiceRuntime runtime, ILogger<ServiceRuntime> logger, CancellationToken ct) =>
        {
            try
            {
                var version = await runtime.Registry.CheckHealthAsync(ct);
                return Results.Ok(new HealthView("ok", runtime.Registry.Provider, version, NameNormalizer.RulesetVersion));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Health check failed: store {Store} does not answer", runtime.Registry.Provider);
                return ServiceProblem.Result(503, ProblemCodes.StoreUnavailable, "Store unavailable", "The registry database does not answer.");
            }
        })
        .AllowAnonymous()
        .WithName("Health").WithSummary("Service and store health")
        .Produces<HealthView>().ProducesProblem(503);
    }
}
