using Names.Host.Service;
using Names.Resolver.Service;

namespace Names.Host.Review;

/// <summary>
/// GET/POST /review/sign-in and POST /review/sign-out. A reviewer or admin key opens a session; an unknown key and a
/// reader or filer key are refused with a message saying why.
/// </summary>
public static class SignInPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(ReviewSession.SignInPath, (HttpContext context, string? returnUrl, string? signedOut) =>
            Form(context, returnUrl, signedOut is null ? null : Html.Of($"<p class=\"notice\" role=\"status\">You are signed out.</p>")))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost(ReviewSession.SignInPath, async (HttpContext context, ApiKeyCache keys) =>
        {
            if (await ReviewForms.ReadAsync(context) is not { } form) return ReviewForms.Refused(context);
            var returnUrl = LocalReturnUrl(form["returnUrl"]);
            var key = ReviewForms.Value(form, "key", 200);
            var record = key is null ? null : await keys.FindAsync(key, context.RequestAborted);
            if (record is null)
                return Form(context, returnUrl, Error("This key is not known to the service. Check that you pasted the whole key."), 401);
            if (!ReviewSession.Admits(record.Role))
                return Form(context, returnUrl, Error($"The key '{record.Name}' has the role {record.Role.ToText()}. The review page needs a reviewer or admin key."), 403);
            await ReviewSession.SignInAsync(context, record);
            return Results.Redirect(returnUrl, permanent: false, preserveMethod: false);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/review/sign-out", async (HttpContext context) =>
        {
            if (await ReviewForms.ReadAsync(context) is null) return ReviewForms.Refused(context);
            await ReviewSession.SignOutAsync(context);
            return Results.Redirect(ReviewSession.SignInPath + "?signedOut=1");
        }).RequireAuthorization(ReviewSession.PolicyName).ExcludeFromDescription();
    }

    private static IResult Form(HttpContext context, string? returnUrl, Html? notice, int status = 200) =>
        ReviewLayout.Page(context, "Sign in", Html.Of($"""
            <h1>Sign in to review</h1>
            {notice ?? Html.Empty}
            <form class="sign-in" action="{ReviewSession.SignInPath}" method="post">
              {ReviewForms.TokenField(context)}
              <input type="hidden" name="returnUrl" value="{LocalReturnUrl(returnUrl)}">
              <label for="key">Reviewer API key</label>
              <input id="key" name="key" type="password" autocomplete="off" required autofocus spellcheck="false">
              <p class="hint">A key with the role reviewer or admin (<code>names keys add --role reviewer --name NAME</code>).</p>
              <button type="submit" class="primary">Sign in</button>
            </form>
            """), status);

    private static Html Error(string text) => Html.Of($"<p class=\"notice error\" role=\"alert\">{text}</p>");

    /// <summary>Only paths of this page are followed after sign-in (no open redirect).</summary>
    private static string LocalReturnUrl(string? url) =>
        url is not null && url.StartsWith("/review", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\') && !url.StartsWith(ReviewSession.SignInPath, StringComparison.Ordinal)
            ? url
            : "/review";
}
