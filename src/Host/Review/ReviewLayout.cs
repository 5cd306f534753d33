using System.Text;
using Names.Host.Service;

namespace Names.Host.Review;

/// <summary>The page shell of every review page: head, top bar (search, reviewer, sign-out), main content, key help.</summary>
public static class ReviewLayout
{
    public static IResult Page(HttpContext context, string title, Html main, int status = 200, string? search = null)
    {
        var user = context.User;
        var signedIn = user.Identity?.AuthenticationType == ReviewSession.SchemeName;
        var top = signedIn
            ? Html.Of($"""
                <form class="search" role="search" action="/review/search" method="get">
                  <label for="q">Search entities</label>
                  <input id="q" name="q" type="search" value="{search}" placeholder="name…" autocomplete="off">
                  <button type="submit">Search</button>
                </form>
                <p class="who">{ReviewSession.ReviewerOf(user)} <span class="role">({ApiKeyAuthentication.RoleOf(user)?.ToString().ToLowerInvariant()})</span></p>
                <form class="sign-out" action="/review/sign-out" method="post">{ReviewForms.TokenField(context)}<button type="submit">Sign out</button></form>
                """)
            : Html.Empty;
        var page = Html.Of($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Names review</title>
            <link rel="stylesheet" href="{ReviewAssets.StylePath}">
            <script src="{ReviewAssets.ScriptPath}" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="top">
              <a class="brand" href="/review">Names review</a>
              {top}
            </header>
            <main id="main" tabindex="-1">
            {main}
            </main>
            <footer class="keys-help"><p>Keys: <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>s</kbd> skip · <kbd>u</kbd> undo · <kbd>/</kbd> search</p></footer>
            </body>
            </html>
            """);
        return Results.Text(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>An error page (conflict, not found, bad form) with a way back.</summary>
    public static IResult Message(HttpContext context, int status, string title, string detail) =>
        Page(context, title, Html.Of($"""
            <h1>{title}</h1>
            <p class="notice error" role="alert">{detail}</p>
            <p><a href="/review">Back to the review queue</a></p>
            """), status);

    /// <summary>Headers of every /review answer: a strict content security policy (no inline script or style, no
    /// fetch elsewhere), no framing, no caching of pages that show registry data.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }
}
