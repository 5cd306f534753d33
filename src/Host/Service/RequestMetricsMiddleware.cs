using System.Diagnostics;

namespace Names.Host.Service;

/// <summary>Times every request, counts it under its route template (not the raw path: ids would explode the series) and logs it.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, RequestMetrics metrics, ILogger<RequestMetricsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.Response.StatusCode;
            metrics.Record(context.Request.Method, route, status, elapsed);
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("HTTP {Method} {Route} {Path} answered {StatusCode} in {ElapsedMs:0.000} ms for {Caller}",
                    context.Request.Method, route, context.Request.Path.Value, status, elapsed.TotalMilliseconds,
                    context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "anonymous");
        }
    }
}
