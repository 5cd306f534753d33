using Names.Host.Service.Contracts;
using Names.Normalization;

namespace Names.Host.Service.Endpoints;

/// <summary>
/// Health, no key needed. GET /api/v1/health/live: the process answers (restart it when not). GET
/// /api/v1/health/ready: send it traffic (registry open, read model and index loaded, store answering, not stopping;
/// 503 otherwise). GET /api/v1/health: the store's health with its schema and ruleset versions.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/health", async (ServiceRuntime runtime, ILogger<ServiceRuntime> logger, CancellationToken ct) =>
                await StoreHealthAsync(runtime, logger, ct))
            .AllowAnonymous()
            .WithName("Health").WithSummary("Service and store health")
            .Produces<HealthView>().ProducesProblem(503);

        api.MapGet("/health/live", () => Results.Ok(new LivenessView("live")))
            .AllowAnonymous()
            .WithName("Liveness").WithSummary("The process answers (liveness probe); never looks at the store")
            .Produces<LivenessView>();

        api.MapGet("/health/ready", async (ServiceRuntime runtime, ILogger<ServiceRuntime> logger, CancellationToken ct) =>
                runtime.Readiness.Reason is { } reason
                    ? ServiceProblem.Result(503, ProblemCodes.NotReady, "Not ready", $"This instance is not ready: {reason}.")
                    : await StoreHealthAsync(runtime, logger, ct))
            .AllowAnonymous()
            .WithName("Readiness").WithSummary("Whether to send this instance traffic (readiness probe): registry open, read model and index loaded, store answering, not stopping")
            .Produces<HealthView>().ProducesProblem(503);
    }

    private static async Task<IResult> StoreHealthAsync(ServiceRuntime runtime, ILogger logger, CancellationToken ct)
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
    }
}
