using Names.Resolver.Service;

namespace Names.Host.Service.Endpoints;

/// <summary>GET /api/v1/metrics (reader): request counts, latency histograms and resolution counts in Prometheus text format.</summary>
public static class MetricsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/metrics", (ServiceRuntime runtime) =>
                Results.Text(runtime.Metrics.RenderPrometheus(), "text/plain; version=0.0.4; charset=utf-8"))
            .RequireAuthorization(RolePolicies.For(ApiRole.Reader))
            .WithName("Metrics").WithSummary("Prometheus metrics")
            .Produces<string>(200, "text/plain").ProducesProblem(401).ProducesProblem(403);
    }
}
