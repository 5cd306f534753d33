using Microsoft.AspNetCore.Authorization;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>One authorization policy per role, each admitting that role and every higher one.</summary>
public static class RolePolicies
{
    private const string Prefix = "role:";

    public static string For(ApiRole role) => Prefix + role.ToText();

    /// <summary>The role a policy name of <see cref="For"/> stands for; null for any other policy.</summary>
    public static ApiRole? RoleOf(string? policy) => policy is not null && policy.StartsWith(Prefix, StringComparison.Ordinal) ? ApiRoleText.Parse(policy[Prefix.Length..]) : null;

    public static void Add(AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<ApiRole>())
            options.AddPolicy(For(role), p => p
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => ApiKeyAuthentication.RoleOf(ctx.User) >= role));
    }
}
