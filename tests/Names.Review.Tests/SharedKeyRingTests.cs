using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Names.Host.Service;
using Names.Resolver.Service;
using Names.Testing;

namespace Names.Review.Tests;

/// <summary>
/// Several instances behind one address share the review page's sessions: the data-protection key ring is in the
/// registry, so a cookie or a form token made by one instance is accepted by another on the same registry (and not by
/// an instance on another registry).
/// </summary>
public sealed partial class SharedKeyRingTests
{
    [Fact]
    public async Task A_session_and_a_form_from_one_instance_are_accepted_by_another_on_the_same_sqlite_registry()
    {
        await using var first = await ServiceFactory.CreateSqliteAsync();
        await using var second = await ServiceFactory.SecondInstanceAsync(first);
        await using var elsewhere = await ServiceFactory.CreateSqliteAsync();
        await SessionCrossesInstancesAsync(first, second, elsewhere);
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_session_and_a_form_from_one_instance_are_accepted_by_another_on_the_same_postgres_registry()
    {
        await using var first = await ServiceFactory.CreatePostgresAsync();
        await using var second = await ServiceFactory.SecondInstanceAsync(first);
        await using var elsewhere = await ServiceFactory.CreatePostgresAsync();
        await SessionCrossesInstancesAsync(first, second, elsewhere);
    }

    /// <summary>
    /// An instance that created a new key just after the other loaded its ring: the other meets a cookie under a key it
    /// has not seen and, in its first 2 minutes (data protection's window for this), reads the ring again and accepts it.
    /// </summary>
    [Fact]
    public async Task A_key_created_by_one_instance_after_the_other_started_is_found_by_the_other()
    {
        await using var first = await ServiceFactory.CreateSqliteAsync();
        await using var second = await ServiceFactory.SecondInstanceAsync(first);
        var one = new Browser(first, second);
        await one.GetAsync(first, "/review/sign-in");
        await one.GetAsync(second, "/review/sign-in"); // both instances have loaded the ring (one key)
        var keys = first.Services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        keys.CreateNewKey(now.AddSeconds(-1), now.AddDays(90)); // the first instance now protects with a key the second has not seen
        Assert.Equal(2, (await first.Runtime.KeyRing.ListKeyRingElementsAsync()).Count);

        var fresh = new Browser(first, second);
        await fresh.GetAsync(first, "/review/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.PostAsync(second, "/review/sign-in", ("key", first.Keys[ApiRole.Reviewer]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(first, "/review")).StatusCode);
    }

    /// <summary>
    /// Instances starting together on an empty registry make one first key between them (KeyRingBootstrap): an instance
    /// that finds the first key claimed by another waits for that key instead of creating its own.
    /// </summary>
    [Fact]
    public async Task An_instance_that_loses_the_first_key_claim_waits_for_the_winners_key()
    {
        await using var first = await ServiceFactory.CreateSqliteAsync();
        var ring = first.Runtime.KeyRing;
        Assert.True(await ring.ClaimFirstKeyAsync()); // another instance (this test) claimed the first key
        Assert.False(await ring.ClaimFirstKeyAsync());
        var starting = Task.Run(() => first.Server);
        await Task.Delay(700);
        Assert.False(starting.IsCompleted);
        Assert.Empty(await ring.ListKeyRingElementsAsync());

        // The winner writes its key, with data protection's own key manager over the same registry.
        var winner = new ServiceCollection();
        winner.AddDataProtection().SetApplicationName("names");
        winner.Configure<KeyManagementOptions>(o => o.XmlRepository = new RegistryXmlRepository(ring));
        using (var provider = winner.BuildServiceProvider())
            provider.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        await starting;
        var browser = new Browser(first);
        await browser.GetAsync(first, "/review/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(first, "/review/sign-in", ("key", first.Keys[ApiRole.Reviewer]))).StatusCode);
        Assert.Single(await ring.ListKeyRingElementsAsync()); // the instance used the winner's key, made none of its own
    }

    private static async Task SessionCrossesInstancesAsync(ServiceFactory first, ServiceFactory second, ServiceFactory elsewhere)
    {
        var browser = new Browser(first, second, elsewhere);
        // The sign-in form (and its CSRF cookie) from the first instance, posted to the second.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(first, "/review/sign-in")).StatusCode);
        var signedIn = await browser.PostAsync(second, "/review/sign-in", ("key", first.Keys[ApiRole.Reviewer]), ("returnUrl", "/review"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/review", signedIn.Headers.Location!.OriginalString);

        // The session cookie the second instance wrote opens the page on the first.
        var page = await browser.GetAsync(first, "/review");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("test-reviewer", browser.Html);
        // A form of the first instance's page, posted to the second: signs out.
        var signedOut = await browser.PostAsync(second, "/review/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("signedOut=1", signedOut.Headers.Location!.OriginalString);
        Assert.Single(await first.Runtime.KeyRing.ListKeyRingElementsAsync());

        // Control: an instance on another registry has other keys and reads neither the session nor the form.
        await browser.GetAsync(first, "/review/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(first, "/review/sign-in", ("key", first.Keys[ApiRole.Reviewer]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(second, "/review")).StatusCode);
        var stranger = await browser.GetAsync(elsewhere, "/review");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/review/sign-in", stranger.Headers.Location!.PathAndQuery);
        await browser.GetAsync(first, "/review");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(elsewhere, "/review/sign-in", ("key", elsewhere.Keys[ApiRole.Reviewer]))).StatusCode);
    }

    /// <summary>
    /// One browser in front of several instances (one address, a load balancer choosing the instance per request):
    /// one cookie jar, the CSRF token of the last page read; redirects are not followed.
    /// </summary>
    private sealed partial class Browser
    {
        private readonly CookieContainer _cookies = new();
        private readonly Dictionary<ServiceFactory, HttpClient> _clients = new();

        public Browser(params ServiceFactory[] instances)
        {
            foreach (var instance in instances)
                _clients[instance] = instance.CreateDefaultClient(new Uri("http://localhost"), new CookieJar(_cookies));
        }

        public string Html { get; private set; } = "";

        public async Task<HttpResponseMessage> GetAsync(ServiceFactory instance, string path)
        {
            var response = await _clients[instance].GetAsync(path);
            Html = await response.Content.ReadAsStringAsync();
            return response;
        }

        public async Task<HttpResponseMessage> PostAsync(ServiceFactory instance, string path, params (string Name, string Value)[] fields)
        {
            var token = TokenField().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no CSRF token on the page");
            var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("csrf", token));
            var response = await _clients[instance].PostAsync(path, new FormUrlEncodedContent(form));
            Html = await response.Content.ReadAsStringAsync();
            return response;
        }

        [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
        private static partial Regex TokenField();
    }

    /// <summary>Sends the jar's cookies with each request and keeps those the answer sets.</summary>
    private sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) cookies.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}
