namespace Names.Host.Service;

/// <summary>A request that cannot be served, with its status and stable code; the exception handler answers it as a problem.</summary>
public sealed class ServiceProblemException(int status, string code, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
}
