using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Names.Testing;

namespace Names.Review.Tests;

/// <summary>
/// A browser-like client of the review page over HTTP: keeps cookies, does not follow redirects (the tests look at
/// them), reads the CSRF token of the last page and posts forms with it.
/// </summary>
public sealed partial class PageSession(HttpClient client)
{
    public HttpClient Client { get; } = client;
    /// <summary>The HTML of the last page read.</summary>
    public string Html { get; private set; } = "";

    public static PageSession Create(ServiceFactory service) =>
        new(service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    /// <summary>Posts a form carrying the CSRF token of the last page read (unless <paramref name="withToken"/> is false).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken) all.Add(new("csrf", Token()));
        var response = await Client.PostAsync(path, new FormUrlEncodedContent(all));
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        PostAsync(path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Opens the sign-in page and signs in with the key; returns the answer to the POST.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key)
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/review/sign-in")).StatusCode);
        return await PostAsync("/review/sign-in", ("key", key));
    }

    public string Token() =>
        TokenField().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no CSRF token on the page: " + Html);

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
