namespace Names.Resolver.Service;

/// <summary>Roles of API keys, each including the rights of the ones below: reader &lt; filer &lt; reviewer &lt; admin.</summary>
public enum ApiRole
{
    Reader = 1,
    Filer = 2,
    Reviewer = 3,
    Admin = 4,
}

public static class ApiRoleText
{
    public static string ToText(this ApiRole role) => role switch
    {
        ApiRole.Reader => "reader",
        ApiRole.Filer => "filer",
        ApiRole.Reviewer => "reviewer",
        ApiRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static ApiRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "reader" => ApiRole.Reader,
        "filer" => ApiRole.Filer,
        "reviewer" => ApiRole.Reviewer,
        "admin" => ApiRole.Admin,
        _ => null,
    };
}
