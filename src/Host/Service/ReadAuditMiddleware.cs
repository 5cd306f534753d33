using Microsoft.AspNetCore.Routing.Patterns;
using Names.Resolver.Privacy;

namespace Names.Host.Service;

/// <summary>Marks an endpoint whose reads of a person's id are audited (<see cref="ReadAuditMiddleware"/>).</summary>
public sealed class AuditedRead;

/// <summary>
/// Audits every request to an <see cref="AuditedRead"/> endpoint naming a person's id (ids starting with P), whatever
/// its answer: refused ones (401, 403) too. Sits after authentication (the key's name is known) and before
/// authorization, so a refusal passes through it. The entry is queued (<see cref="ReadAuditLog"/>), never written on the request path.
/// </summary>
public sealed class ReadAuditMiddleware(RequestDelegate next, ReadAuditLog audit, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<AuditedRead>() is null || context.Request.RouteValues["id"] is not string id || !id.StartsWith('P'))
        {
            await next(context);
            return;
        }
        var time = clock.GetUtcNow();
        try { await next(context); }
        finally
        {
            var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
            await audit.AddAsync(new ReadAuditEntry(context.User.Identity?.Name ?? "(no key)", time, context.Request.Method + " " + pattern, id,
                context.Response.StatusCode), CancellationToken.None);
        }
    }
}
