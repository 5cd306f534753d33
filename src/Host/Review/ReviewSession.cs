using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Names.Host.Service;
using Names.Resolver.Service;

namespace Names.Host.Review;

/// <summary>
/// The review page's sign-in session: a reviewer (or admin) API key, checked once at sign-in, becomes an encrypted
/// cookie (HttpOnly, SameSite=Strict, Secure on https). The cookie authenticates the page only: the JSON API keeps
/// requiring the bearer key, so a browser session can never be used to call it cross-site.
/// </summary>
public static class ReviewSession
{
    public const string SchemeName = "ReviewSession";
    public const string PolicyName = "review-page";
    public const string CookieName = "names_review";
    public const string SignInPath = "/review/sign-in";
    private const string KeyHashClaim = "names:key_hash";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddReviewSession(this AuthenticationBuilder builder) =>
        builder.AddCookie(SchemeName, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/review";
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.ExpireTimeSpan = Lifetime;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateKeyStillActiveAsync;
        });

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(PolicyName, p => p
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ApiKeyAuthentication.RoleOf(ctx.User) >= ApiRole.Reviewer));

    /// <summary>Whether a key of this role may use the page.</summary>
    public static bool Admits(ApiRole role) => role >= ApiRole.Reviewer;

    public static Task SignInAsync(HttpContext context, ApiKeyRecord key)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(ApiKeyAuthentication.RoleClaim, key.Role.ToText()),
            new Claim(ApiKeyAuthentication.KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(KeyHashClaim, key.KeyHash),
        ], SchemeName);
        return context.SignInAsync(SchemeName, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(SchemeName);

    /// <summary>The signed-in reviewer's name (the key's name).</summary>
    public static string ReviewerOf(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    /// <summary>
    /// Who a decision is recorded for: the same actor as the JSON API uses for the same key, so that "undo my last
    /// decision" covers decisions made on either.
    /// </summary>
    public static string ActorOf(ClaimsPrincipal user) => "api:" + ReviewerOf(user);

    /// <summary>A session ends when its key is no longer an active reviewer key (checked through the short-lived key cache).</summary>
    private static async Task ValidateKeyStillActiveAsync(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirst(KeyHashClaim)?.Value;
        var cache = context.HttpContext.RequestServices.GetRequiredService<ApiKeyCache>();
        var key = hash is null ? null : await cache.FindByHashAsync(hash, context.HttpContext.RequestAborted);
        if (key is null || !Admits(key.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
        }
    }
}
