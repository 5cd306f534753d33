using System.Net;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Service.Tests;

/// <summary>Reviewer endpoints: proposals listed, accepted (merge) and rejected (cannot-link); entities split.</summary>
public sealed class ReviewEndpointTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;

    private async Task<string> ResolveAsync(string name, string? country = null) =>
        (await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name, country })).ReadJsonAsync()).GetProperty("id").GetString()!;

    private async Task<long> ProposeAsync(string a, string b)
    {
        var batch = new RegistryBatch();
        batch.NewProposals.Add(new ReviewProposal(0, a, b, 0.7, "p=0.700: test", ProposalStatus.Pending, DateTimeOffset.UtcNow));
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
        Assert.Equal(string.CompareOrdinal(a, b) <= 0 ? a : b, survivor);
        var entity = await (await reviewer.GetAsync("/api/v1/entities/" + absorbed)).ReadJsonAsync();
        Assert.True(entity.GetProperty("absorbed").GetBoolean());
        Assert.Equal(survivor, entity.GetProperty("id").GetString());
        await (await reviewer.PostAsync($"/api/v1/review/{proposal}/accept", null)).AssertProblemAsync(404, "not_found"); // no longer pending
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
}
