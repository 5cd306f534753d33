using System.Net;
using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage;
using Names.Testing;

namespace Names.Review.Tests;

/// <summary>
/// The review page over plain HTTP on the in-memory service: sign-in rules, the session cookie, CSRF protection of
/// every form, HTML-encoding of names, and that the page's cookie never authorizes the JSON API.
/// </summary>
public sealed class ReviewPageHttpTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;

    private Task<string> ResolveAsync(string name, string? country = null, string? source = null, string? kind = null) =>
        Service.ResolveIdAsync(name, country, source, kind);

    private Task<long> ProposeAsync(string a, string b, string explanation = "p=0.700: test") => Service.ProposeAsync(a, b, explanation);

    private async Task<PageSession> SignedInAsync(ApiRole role = ApiRole.Reviewer)
    {
        var session = PageSession.Create(Service);
        var response = await session.SignInAsync(Service.Keys[role]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    [Fact]
    public async Task Without_a_session_every_page_redirects_to_sign_in()
    {
        var session = PageSession.Create(Service);
        foreach (var path in new[] { "/review", "/review/search?q=x", "/review/proposals/1" })
        {
            var response = await session.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/review/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery);
        }
        var post = await session.Client.PostAsync("/review/undo", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/review/sign-in", post.Headers.Location!.PathAndQuery);
        // A bearer key is not a session either: the page is for browsers.
        var bearer = PageSession.Create(Service).Client;
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", Service.Keys[ApiRole.Admin]);
        Assert.Equal(HttpStatusCode.Redirect, (await bearer.GetAsync("/review")).StatusCode);
    }

    [Theory]
    [InlineData(ApiRole.Reader)]
    [InlineData(ApiRole.Filer)]
    public async Task A_reader_or_filer_key_is_refused_with_the_reason(ApiRole role)
    {
        var session = PageSession.Create(Service);
        var response = await session.SignInAsync(Service.Keys[role]);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"has the role {role.ToText()}", session.Html);
        Assert.Contains("needs a reviewer or admin key", session.Html);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("names_review="));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/review")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_is_refused()
    {
        var session = PageSession.Create(Service);
        var response = await session.SignInAsync(ApiKeySecret.NewKey());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not known to the service", session.Html);
    }

    [Theory]
    [InlineData(ApiRole.Reviewer)]
    [InlineData(ApiRole.Admin)]
    public async Task A_reviewer_or_admin_key_opens_an_HttpOnly_SameSite_Strict_session(ApiRole role)
    {
        var session = PageSession.Create(Service);
        var response = await session.SignInAsync(Service.Keys[role]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/review", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("names_review="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/review", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await session.GetAsync("/review");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"test-{role.ToText()}", session.Html); // the reviewer's name in the top bar
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Sign_in_keeps_a_local_return_address_only()
    {
        var session = PageSession.Create(Service);
        await session.GetAsync("/review/sign-in?ReturnUrl=%2Freview%2Fsearch%3Fq%3Dacme");
        var local = await session.PostAsync("/review/sign-in", ("key", Service.Keys[ApiRole.Reviewer]), ("returnUrl", "/review/search?q=acme"));
        Assert.Equal("/review/search?q=acme", local.Headers.Location!.OriginalString);
        var other = PageSession.Create(Service);
        await other.GetAsync("/review/sign-in");
        var away = await other.PostAsync("/review/sign-in", ("key", Service.Keys[ApiRole.Reviewer]), ("returnUrl", "//evil.example/review"));
        Assert.Equal("/review", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_chart_says_when_the_current_model_scores_the_pair_otherwise_than_the_proposing_run()
    {
        // Stored at 0.7 (as a run with another model could have left it); the current model finds these firms unlike.
        var a = await ResolveAsync("Brackenridge Turbine Castings Ltd", "GB");
        var b = await ResolveAsync("Oyelaran Seed Cooperative", "NG");
        var proposal = await ProposeAsync(a, b, "p=0.700: an older model");
        var session = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/review/proposals/{proposal}")).StatusCode);
        Assert.Contains("When proposed: p=0.700: an older model", session.Html);
        Assert.Matches(@"current model: p = 0\.[0-4]\d\d now, 0\.700 when proposed", session.Html);
    }

    [Fact]
    public async Task The_page_draws_the_proposing_runs_contributions_and_the_current_models_when_they_differ()
    {
        var a = await ResolveAsync("Thistlewood Marine Pumps Ltd", "GB");
        var b = await ResolveAsync("Kestrelmoor Bakery Cooperative", "NL");
        // As a run with another model would have stored it: a feature the current model does not even have.
        var proposal = await Service.ProposeAsync(a, b, "p=0.700: legacy_token_overlap all shared (+5.2)",
            [new FeatureContribution("legacy_token_overlap", 3, "all shared", 5.2), new FeatureContribution("country", 0, "different", -0.8)]);
        var session = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/review/proposals/{proposal}")).StatusCode);
        Assert.Contains("As the proposing run scored it (p = 0.700)", session.Html);
        Assert.Matches(@"<th scope=""row"">legacy token overlap</th>\s*<td>all shared</td>[\s\S]*?<td class=""num"">(\+|&#x2B;)5\.20</td>", session.Html);
        Assert.Matches(@"With the current model \(p = 0\.[0-4]\d\d\)", session.Html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(session.Html, "<table class=\"contributions\">"));
    }

    [Fact]
    public async Task A_post_without_its_CSRF_token_is_400_and_changes_nothing()
    {
        var anonymous = PageSession.Create(Service);
        await anonymous.GetAsync("/review/sign-in");
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/review/sign-in", [new("key", Service.Keys[ApiRole.Reviewer])], withToken: false)).StatusCode);

        var a = await ResolveAsync("Corran Valley Dairies Ltd", "IE");
        var b = await ResolveAsync("Penhallow Glassworks plc", "GB");
        var proposal = await ProposeAsync(a, b);
        var session = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/review/proposals/{proposal}")).StatusCode);
        var missing = await session.PostAsync($"/review/proposals/{proposal}/accept", [], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("security token", session.Html);
        await session.GetAsync($"/review/proposals/{proposal}");
        var wrong = await session.PostAsync($"/review/proposals/{proposal}/reject", [new("csrf", "CfDJ8-not-a-token")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        // A token issued to another session does not pass either.
        var other = await SignedInAsync(ApiRole.Admin);
        await other.GetAsync($"/review/proposals/{proposal}");
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostAsync($"/review/proposals/{proposal}/accept", [new("csrf", other.Token())], withToken: false)).StatusCode);
        Assert.Contains(await Service.Runtime.ReviewStore.GetProposalsAsync(ProposalStatus.Pending), p => p.Id == proposal);

        await session.GetAsync($"/review/proposals/{proposal}");
        var decided = await session.PostAsync($"/review/proposals/{proposal}/reject", ("comment", "different dairies"));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.DoesNotContain(await Service.Runtime.ReviewStore.GetProposalsAsync(ProposalStatus.Pending), p => p.Id == proposal);
    }

    [Fact]
    public async Task A_proposal_shows_each_sides_external_identifiers_beside_its_names()
    {
        var a = await ResolveAsync("Harrowgate Lantern Works Ltd", "GB");
        var b = await ResolveAsync("Pellinore Glass Studio Ltd", "GB");
        var batch = new RegistryBatch();
        batch.ExternalIds.Add(new ExternalIdLink("lei", "HWUPKR0MPOU8FGXBT394", a, "gleif.csv", "", DateTimeOffset.UtcNow));
        batch.ExternalIds.Add(new ExternalIdLink("ror", "0000ev088", b, "ror.json", "", DateTimeOffset.UtcNow));
        await Service.Runtime.ReviewStore.ApplyAsync(batch);
        var proposal = await ProposeAsync(a, b);
        var session = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/review/proposals/{proposal}")).StatusCode);
        Assert.Contains("<dt>Identifiers</dt><dd>lei:HWUPKR0MPOU8FGXBT394</dd>", session.Html);
        Assert.Contains("<dt>Identifiers</dt><dd>ror:0000ev088</dd>", session.Html);
    }

    [Fact]
    public async Task Texts_from_the_data_are_HTML_encoded()
    {
        // The cleaner drops markup from names, so the hostile texts come in through the other fields the page shows:
        // the source of a record, the proposal's explanation and the search text.
        const string hostile = "<script>alert('x')</script>";
        var a = await ResolveAsync("Kestrel Ridge Optics Ltd", "GB", source: hostile + ".csv");
        var b = await ResolveAsync("Trelawny Orchard Supplies Ltd", "GB");
        var proposal = await ProposeAsync(a, b, "p=0.700: <img src=x onerror=alert(1)>");
        var session = await SignedInAsync();
        foreach (var path in new[] { $"/review/proposals/{proposal}", $"/review/entities/{a}", "/review/search?q=" + Uri.EscapeDataString(hostile) })
        {
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(path)).StatusCode);
            Assert.DoesNotContain("<script>alert", session.Html);
            Assert.DoesNotContain("<img src=x", session.Html);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", session.Html);
        }
        await session.GetAsync($"/review/proposals/{proposal}");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", session.Html);
    }

    [Fact]
    public async Task Filters_narrow_the_queue_and_a_decision_returns_to_the_same_filters()
    {
        var a = await ResolveAsync("Maarten van Dijkhuizen", "NL", kind: "person");
        var b = await ResolveAsync("Pieter Jansma", "NL", kind: "person");
        var proposal = await ProposeAsync(a, b);
        var session = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/review?kind=person&country=NL&min=0.6&max=0.8")).StatusCode);
        Assert.Contains($"<h1>Proposal {proposal} ", session.Html);
        Assert.Contains("<option value=\"person\" selected>", session.Html);
        Assert.Contains("name=\"min\" type=\"number\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0.6\"", session.Html);

        var skipped = await session.PostAsync($"/review/proposals/{proposal}/skip", ("kind", "person"), ("country", "NL"), ("min", "0.6"), ("max", "0.8"));
        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        var back = skipped.Headers.Location!.OriginalString;
        Assert.StartsWith("/review?kind=person&country=NL&min=0.6&max=0.8&", back);
        await session.GetAsync(back);
        Assert.Contains($"Skipped <a href=\"/review/proposals/{proposal}\">proposal {proposal}</a>", session.Html);
        Assert.Contains("Nothing left for you to review with these filters (1 pending that you skipped)", session.Html);
        // Skipping is personal: another reviewer still gets the proposal.
        var other = await SignedInAsync(ApiRole.Admin);
        await other.GetAsync("/review?kind=person&country=NL&min=0.6&max=0.8");
        Assert.Contains($"<h1>Proposal {proposal} ", other.Html);
        // A score band that excludes it leaves nothing.
        await other.GetAsync("/review?kind=person&country=NL&min=0.75");
        Assert.Contains("Nothing left for you to review with these filters", other.Html);
    }

    [Fact]
    public async Task Two_reviewers_deciding_one_proposal_the_second_gets_a_conflict_page()
    {
        var a = await ResolveAsync("Brackenfield Turbines Ltd", "GB");
        var b = await ResolveAsync("Brackenfeld Turbinen GmbH", "DE");
        var proposal = await ProposeAsync(a, b);
        var first = await SignedInAsync();
        var second = await SignedInAsync(ApiRole.Admin);
        await first.GetAsync($"/review/proposals/{proposal}");
        await second.GetAsync($"/review/proposals/{proposal}");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"/review/proposals/{proposal}/reject", ("comment", "different firms"))).StatusCode);
        var late = await second.PostAsync($"/review/proposals/{proposal}/accept");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Decision not possible", second.Html);
        // The proposal page now says who decided it and offers no decision buttons.
        await second.GetAsync($"/review/proposals/{proposal}");
        Assert.Contains("This proposal is rejected", second.Html);
        Assert.DoesNotContain("data-shortcut=\"accept\"", second.Html);
    }

    [Fact]
    public async Task A_split_must_leave_some_variants_behind()
    {
        var id = await ResolveAsync("Wrenfield Hydraulics Ltd", "GB");
        Assert.Equal(id, await ResolveAsync("Wrenfield Hydraulics Ltd", "IE"));
        var session = await SignedInAsync();
        await session.GetAsync("/review/entities/" + id);
        var boxes = System.Text.RegularExpressions.Regex.Matches(session.Html, "name=\"variant\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, boxes.Count);
        var all = await session.PostAsync($"/review/entities/{id}/split", boxes.Select(v => new KeyValuePair<string, string>("variant", v)));
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Contains("Split not possible", session.Html);
        await session.GetAsync("/review/entities/" + id);
        var none = await session.PostAsync($"/review/entities/{id}/split", ("reason", "nothing chosen"));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        await session.GetAsync("/review/entities/" + id);
        var one = await session.PostAsync($"/review/entities/{id}/split", ("variant", boxes[1]), ("reason", "Irish firm"));
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.EndsWith("?splitFrom=" + id, one.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_session_does_not_authorize_the_JSON_API()
    {
        var session = await SignedInAsync(ApiRole.Admin);
        await (await session.Client.GetAsync("/api/v1/review")).AssertProblemAsync(401, "unauthorized");
        await (await session.Client.GetAsync("/api/v1/keys")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var session = await SignedInAsync();
        await session.GetAsync("/review");
        var response = await session.PostAsync("/review/sign-out");
        Assert.Equal("/review/sign-in?signedOut=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/review")).StatusCode);
    }
}
