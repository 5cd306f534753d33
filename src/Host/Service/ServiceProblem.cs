using Microsoft.AspNetCore.Mvc;

namespace Names.Host.Service;

/// <summary>An RFC 9457 problem answer with a stable <see cref="ProblemCodes">code</see>.</summary>
public static class ServiceProblem
{
    public static IResult Result(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(Create(status, code, title, detail));

    public static ProblemDetails Create(int status, string code, string title, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemCodes.TypeBase + code };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>Writes the problem through the application's problem-details service (adds traceId, content type).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Create(status, code, title, detail) });
    }
}
