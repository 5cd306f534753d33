using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>
/// Authentication by API key (<c>Authorization: Bearer &lt;key&gt;</c>). No key: 401 unauthorized; an unknown key: 401
/// invalid_api_key; a key whose role is too low: 403 forbidden. All three answer RFC 9457 problem details.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string RoleClaim = "names:role";
    public const string KeyIdClaim = "names:key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("not a bearer token");
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is 0 or > 200) return AuthenticateResult.Fail("malformed key");
        var record = await keys.FindAsync(key, Context.RequestAborted);
        if (record is null) return AuthenticateResult.Fail("unknown key");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, record.Name),
            new Claim(RoleClaim, record.Role.ToText()),
            new Claim(KeyIdClaim, record.Id.ToString(CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is not null)
            await ServiceProblem.WriteAsync(Context, 401, ProblemCodes.InvalidApiKey, "Invalid API key", "The API key is not known to this service.");
        else
            await ServiceProblem.WriteAsync(Context, 401, ProblemCodes.Unauthorized, "API key required", "Send the key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ServiceProblem.WriteAsync(Context, 403, ProblemCodes.Forbidden, "Role too low",
            $"This request needs a key with a higher role than '{Context.User.FindFirst(RoleClaim)?.Value}'.");

    /// <summary>The role of an authenticated caller, or null.</summary>
    public static ApiRole? RoleOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? ApiRoleText.Parse(user.FindFirst(RoleClaim)?.Value) : null;

    public static string? KeyIdOf(ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;
}
