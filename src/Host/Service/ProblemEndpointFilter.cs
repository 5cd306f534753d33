namespace Names.Host.Service;

/// <summary>Answers a <see cref="ServiceProblemException"/> thrown by an endpoint as its problem (an expected outcome: not logged as an error).</summary>
public sealed class ProblemEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ServiceProblemException p)
        {
            return ServiceProblem.Result(p.Status, p.Code, p.Title, p.Detail);
        }
    }
}
