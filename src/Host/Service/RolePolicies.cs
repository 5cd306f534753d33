using Microsoft.AspNetCore.Authorization;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>One authorization policy per role, each admitting that role and every higher one.</summary>
public static class RolePolicies
{
    public static string For(ApiRole role) => "role:" + role.ToText();

    public static void Add(AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<ApiRole>())
            options.AddPolicy(For(role), p => p
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => ApiKeyAuthentication.RoleOf(ctx.User) >= role));
    }
}
