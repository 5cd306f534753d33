using Microsoft.AspNetCore.Antiforgery;

namespace Names.Host.Review;

/// <summary>
/// CSRF protection of the review page's forms (ASP.NET Core antiforgery: a token in a hidden field, checked against a
/// SameSite=Strict cookie). Every POST of the page reads its form through <see cref="ReadAsync"/>.
/// </summary>
public static class ReviewForms
{
    public const string FieldName = "csrf";
    public const string CookieName = "names_review_csrf";

    public static void Configure(AntiforgeryOptions o)
    {
        o.FormFieldName = FieldName;
        o.HeaderName = null;
        o.Cookie.Name = CookieName;
        o.Cookie.Path = "/review";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>The hidden field every form of the page carries.</summary>
    public static Html TokenField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return Html.Of($"<input type=\"hidden\" name=\"{FieldName}\" value=\"{tokens.RequestToken}\">");
    }

    /// <summary>The posted form when its CSRF token is valid; null when it is missing or wrong (answer 400).</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return null;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
        return await context.Request.ReadFormAsync(context.RequestAborted);
    }

    /// <summary>The answer to a form without a valid CSRF token: 400, nothing done.</summary>
    public static IResult Refused(HttpContext context) =>
        ReviewLayout.Message(context, 400, "Form expired", "The form was missing its security token or the token did not match. Reload the page and try again.");

    /// <summary>A trimmed form value, null when empty; cut at <paramref name="maxLength"/> characters.</summary>
    public static string? Value(IFormCollection form, string name, int maxLength = 1000)
    {
        var text = form[name].ToString().Trim();
        if (text.Length == 0) return null;
        return text.Length > maxLength ? text[..maxLength] : text;
    }
}
