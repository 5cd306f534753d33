using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Service.Tests;

/// <summary>Reviewer endpoints: proposals listed (filtered, ordered), detailed, accepted (merge), rejected (cannot-link), skipped, undone; entities split and searched.</summary>
public sealed class ReviewEndpointTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;

    private async Task<string> ResolveAsync(string name, string? country = null) =>
        (await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name, country })).ReadJsonAsync()).GetProperty("id").GetString()!;

    private async Task<long> ProposeAsync(string a, string b, double score = 0.7)
    {
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, a, b, score, $"p={score}: test", ProposalStatus.Pending, DateTimeOffset.UtcNow));
        await Service.Runtime.ReviewStore.ApplyAsync(batch);
        return (await Service.Runtime.ReviewStore.GetProposalsAsync(ProposalStatus.Pending)).Where(p => p.EntityA == a && p.EntityB == b).Max(p => p.Id);
    }

    [Fact]
    public async Task Accepting_a_proposal_merges_and_the_absorbed_id_answers_with_the_survivor()
    {
        var a = await ResolveAsync("Harbour Lantern Instruments Ltd", "GB");
        var b = await ResolveAsync("Quarrystone Pumps Inc", "US"); // unlike the first: the proposal here is made by the test
        var proposal = await ProposeAsync(a, b);
        var reviewer = Service.ClientFor(ApiRole.Reviewer);
        var list = await (await reviewer.GetAsync("/api/v1/review?limit=200")).ReadJsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetInt64() == proposal && p.GetProperty("entityA").GetString() == a);

        var accepted = await (await reviewer.PostAsync($"/api/v1/review/{proposal}/accept", null)).ReadJsonAsync();
        var survivor = accepted.GetProperty("survivorId").GetString()!;
        var absorbed = survivor == a ? b : a;
        Assert.Equal(a, survivor); // minted first
        Assert.Equal("api:test-reviewer", accepted.GetProperty("actor").GetString());
        var entity = await (await reviewer.GetAsync("/api/v1/entities/" + absorbed)).ReadJsonAsync();
        Assert.True(entity.GetProperty("absorbed").GetBoolean());
        Assert.Equal(survivor, entity.GetProperty("id").GetString());
        await (await reviewer.PostAsync($"/api/v1/review/{proposal}/accept", null)).AssertProblemAsync(409, "conflict"); // decided already
        await (await reviewer.PostAsync("/api/v1/review/999999/accept", null)).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Rejecting_records_a_cannot_link_and_a_later_accept_of_the_pair_conflicts()
    {
        var a = await ResolveAsync("Silverbirch Acoustics AB", "SE");
        var b = await ResolveAsync("Tidewater Bakeries Inc", "US");
        var reviewer = Service.ClientFor(ApiRole.Reviewer);
        var first = await ProposeAsync(a, b);
        var rejected = await (await reviewer.PostAsync($"/api/v1/review/{first}/reject", null)).ReadJsonAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var expected = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        Assert.Contains(expected, await Service.Runtime.ReviewStore.GetCannotLinksAsync());
        var second = await ProposeAsync(b, a);
        await (await reviewer.PostAsync($"/api/v1/review/{second}/accept", null)).AssertProblemAsync(409, "conflict");
    }

    [Fact]
    public async Task Split_mints_a_new_id_for_the_variants_that_leave()
    {
        var id = await ResolveAsync("Dunmore Castings Ltd", "IE");
        Assert.Equal(id, await ResolveAsync("Dunmore Castings Ltd", "GB"));
        var reviewer = Service.ClientFor(ApiRole.Reviewer);
        var variants = (await (await reviewer.GetAsync($"/api/v1/entities/{id}")).ReadJsonAsync()).GetProperty("variants").GetProperty("items");
        var leaving = variants[1].GetProperty("id").GetInt64();
        var response = await reviewer.PostAsync($"/api/v1/entities/{id}/split", Http.Json(new { variants = new[] { leaving }, reason = "different firm in GB" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var newId = (await response.ReadJsonAsync()).GetProperty("newId").GetString()!;
        Assert.NotEqual(id, newId);
        var moved = await (await reviewer.GetAsync($"/api/v1/entities/{newId}")).ReadJsonAsync();
        Assert.Equal(leaving, moved.GetProperty("variants").GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, (await (await reviewer.GetAsync($"/api/v1/entities/{id}")).ReadJsonAsync()).GetProperty("variants").GetProperty("total").GetInt64());
        var history = await (await reviewer.GetAsync($"/api/v1/entities/{id}/history")).ReadJsonAsync();
        Assert.Contains(history.GetProperty("events").GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "split" && e.GetProperty("otherId").GetString() == newId);
        // The remaining variant cannot leave too, and the filer cannot split at all.
        var staying = variants[0].GetProperty("id").GetInt64();
        await (await reviewer.PostAsync($"/api/v1/entities/{id}/split", Http.Json(new { variants = new[] { staying } }))).AssertProblemAsync(400, "invalid_split");
        await (await reviewer.PostAsync($"/api/v1/entities/{id}/split", Http.Json(new { variants = Array.Empty<long>() }))).AssertProblemAsync(400, "invalid_split");
        await (await Service.ClientFor(ApiRole.Filer).PostAsync($"/api/v1/entities/{id}/split", Http.Json(new { variants = new[] { staying } }))).AssertProblemAsync(403, "forbidden");
    }

    private async Task<HttpClient> NewReviewerAsync() =>
        WithKey(Service.CreateClient(), (await Service.Runtime.Keys.AddKeyAsync("second-reviewer-" + Guid.NewGuid().ToString("N")[..6], ApiRole.Reviewer)).Key);

    private static HttpClient WithKey(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task The_list_filters_by_country_score_band_kind_and_source_and_puts_the_middle_of_the_band_first()
    {
        var a = await ResolveAsync("Brackenfold Optics GmbH", "AT");
        var b = await ResolveAsync("Gorsemoor Textiles Ltd", "GB");
        var c = await ResolveAsync("Lindqvist Marinteknik AB", "AT");
        var low = await ProposeAsync(a, b, 0.52);
        var middle = await ProposeAsync(a, c, 0.70);
        var reviewer = Service.ClientFor(ApiRole.Reviewer);
        async Task<List<long>> Ids(string query) =>
            (await (await reviewer.GetAsync("/api/v1/review?limit=200&" + query)).ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([middle, low], await Ids("country=AT"));
        Assert.Equal([middle], await Ids("country=AT&minScore=0.6&maxScore=0.8"));
        Assert.Equal([low], await Ids("country=at&maxScore=0.6"));
        Assert.Empty(await Ids("country=AT&kind=person"));
        Assert.Equal([middle, low], await Ids("country=AT&kind=legal_entity&source=api"));
        await (await reviewer.GetAsync("/api/v1/review?minScore=0.9&maxScore=0.1")).AssertProblemAsync(400, "invalid_request");
    }

    [Fact]
    public async Task A_proposal_made_by_the_service_keeps_the_contributions_it_was_proposed_with()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var first = await ResolveAsync("Silverbirch Harbour Acoustics Ltd", "GB");
        var answer = await (await filer.ResolveAsync(new { name = "Silverbirch Harbour Acoustics International Ltd", country = "GB" })).ReadJsonAsync();
        Assert.Equal("review", answer.GetProperty("resolution").GetString()); // one name is the other plus a word: capped for review
        var second = answer.GetProperty("id").GetString();
        var reviewer = Service.ClientFor(ApiRole.Reviewer);
        var listed = (await (await reviewer.GetAsync("/api/v1/review?limit=200")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("entityA").GetString() == first && p.GetProperty("entityB").GetString() == second);
        var explanation = listed.GetProperty("explanation").GetString()!;
        var contributions = listed.GetProperty("contributions").EnumerateArray().ToList();
        Assert.NotEmpty(contributions);
        // Each feature the run's one-line explanation names is there with the same weight (that line rounds to 0.1).
        foreach (var c in contributions)
            Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"{c.GetProperty("feature").GetString()} {c.GetProperty("label").GetString()} ({c.GetProperty("weight").GetDouble():+0.0;-0.0})"), explanation);
        var detail = await (await reviewer.GetAsync($"/api/v1/review/{listed.GetProperty("id").GetInt64()}")).ReadJsonAsync();
        Assert.Equal(contributions.Count, detail.GetProperty("proposal").GetProperty("contributions").GetArrayLength());
    }

    [Fact]
    public async Task Detail_shows_both_entities_and_the_contributions_behind_the_score()
    {
        var a = await ResolveAsync("Fenwick Hollow Ceramics Ltd", "GB");
        var b = await ResolveAsync("Fenwick Hollow Ceramic Works Ltd", "GB");
        var proposal = await ProposeAsync(a, b, 0.7);
        var reviewer = Service.ClientFor(ApiRole.Reviewer);
        var detail = await (await reviewer.GetAsync($"/api/v1/review/{proposal}")).ReadJsonAsync();
        Assert.Equal(proposal, detail.GetProperty("proposal").GetProperty("id").GetInt64());
        Assert.Equal(a, detail.GetProperty("a").GetProperty("id").GetString());
        Assert.Equal(b, detail.GetProperty("b").GetProperty("id").GetString());
        Assert.Equal("FENWICK HOLLOW CERAMICS LTD", detail.GetProperty("a").GetProperty("variants")[0].GetProperty("displayName").GetString()!.ToUpperInvariant());
        Assert.Equal("GB", detail.GetProperty("b").GetProperty("countries")[0].GetString());
        var contributions = detail.GetProperty("contributions").EnumerateArray().ToList();
        Assert.NotEmpty(contributions);
        Assert.All(contributions, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("feature").GetString())));
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("nearestOthers").ValueKind);
        await (await reviewer.GetAsync("/api/v1/review/999999")).AssertProblemAsync(404, "not_found");
        await (await Service.ClientFor(ApiRole.Filer).GetAsync($"/api/v1/review/{proposal}")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Skip_is_per_reviewer_undo_reverts_an_accept_and_comments_reach_the_history()
    {
        var a = await ResolveAsync("Marrowby Valves Ltd", "MT");
        var b = await ResolveAsync("Pellucid Glassworks Ltd", "MT");
        var proposal = await ProposeAsync(a, b, 0.7);
        var reviewer = await NewReviewerAsync(); // fresh reviewers: nothing of theirs from other tests to undo
        var second = await NewReviewerAsync();
        async Task<long?> Next(HttpClient client)
        {
            var response = await client.GetAsync("/api/v1/review/next?country=MT");
            return response.StatusCode == HttpStatusCode.NoContent ? null : (await response.ReadJsonAsync()).GetProperty("proposal").GetProperty("id").GetInt64();
        }
        Assert.Equal(proposal, await Next(reviewer));
        Assert.Equal("skipped", (await (await reviewer.PostAsync($"/api/v1/review/{proposal}/skip", null)).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Null(await Next(reviewer));
        Assert.Equal(proposal, await Next(second));

        var accepted = await (await second.PostAsync($"/api/v1/review/{proposal}/accept", Http.Json(new { comment = "same owner since 2019" }))).ReadJsonAsync();
        Assert.Equal("same owner since 2019", accepted.GetProperty("comment").GetString());
        Assert.True((await (await second.GetAsync("/api/v1/entities/" + b)).ReadJsonAsync()).GetProperty("absorbed").GetBoolean());
        // The first reviewer's last decision is the skip, not the other's accept: undo on this proposal takes back the skip only.
        Assert.Equal("undone", (await (await reviewer.PostAsync($"/api/v1/review/{proposal}/undo", null)).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.True((await (await second.GetAsync("/api/v1/entities/" + b)).ReadJsonAsync()).GetProperty("absorbed").GetBoolean());
        await (await reviewer.PostAsync("/api/v1/review/undo", null)).AssertProblemAsync(404, "not_found");

        var undone = await (await second.PostAsync("/api/v1/review/undo", Http.Json(new { comment = "wrong pair" }))).ReadJsonAsync();
        Assert.Equal(proposal, undone.GetProperty("proposalId").GetInt64());
        var entity = await (await second.GetAsync("/api/v1/entities/" + b)).ReadJsonAsync();
        Assert.False(entity.GetProperty("absorbed").GetBoolean());
        Assert.Equal(1, entity.GetProperty("variants").GetProperty("total").GetInt64());
        var history = (await (await second.GetAsync($"/api/v1/entities/{b}/history")).ReadJsonAsync()).GetProperty("events").GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "merged" && e.GetProperty("detail").GetString()!.Contains("same owner since 2019"));
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "undone" && e.GetProperty("detail").GetString()!.Contains("wrong pair"));
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "decided" && e.GetProperty("detail").GetString()!.Contains("skipped"));
        Assert.Contains(await Next(reviewer) is { } n ? [n] : Array.Empty<long>(), id => id == proposal); // pending again
    }

    [Fact]
    public async Task Two_reviewers_deciding_one_proposal_at_once_one_wins_the_other_gets_a_conflict()
    {
        var a = await ResolveAsync("Quillon Harrow Seeds BV", "NL");
        var b = await ResolveAsync("Ostrander Kiln Systems BV", "NL");
        var proposal = await ProposeAsync(a, b, 0.7);
        var second = await NewReviewerAsync();
        var responses = await Task.WhenAll(
            Service.ClientFor(ApiRole.Reviewer).PostAsync($"/api/v1/review/{proposal}/accept", null),
            second.PostAsync($"/api/v1/review/{proposal}/reject", null));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await responses.Single(r => r.StatusCode != HttpStatusCode.OK).AssertProblemAsync(409, "conflict");
    }

    [Fact]
    public async Task Search_finds_an_entity_by_a_misspelt_name()
    {
        var id = await ResolveAsync("Wexcombe Turbine Blades Ltd", "GB");
        var hits = await (await Service.ClientFor(ApiRole.Reviewer).GetAsync("/api/v1/review/search?q=wexcombe%20turbin%20blade")).ReadJsonAsync();
        Assert.Equal(id, hits[0].GetProperty("id").GetString());
    }
}
