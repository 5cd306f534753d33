using System.Net;
using Names.Resolver.Service;
using Names.Resolver.Storage;
using Names.Testing;

namespace Names.Review.Tests;

/// <summary>The page on a PostgreSQL registry: sign in, accept with the form, see the merge in the survivor's history, undo.</summary>
public sealed class ReviewPageOnPostgresTests
{
    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Accept_and_undo_through_the_page_on_postgres()
    {
        await using var service = await ServiceFactory.CreatePostgresAsync();
        var a = await service.ResolveIdAsync("Ostrander Ceramics BV", "NL");
        var b = await service.ResolveIdAsync("Ostrander Keramiek", "NL");
        var proposal = await service.ProposeAsync(a, b);

        var session = PageSession.Create(service);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(service.Keys[ApiRole.Reviewer])).StatusCode);
        await session.GetAsync("/review");
        Assert.Contains($"<h1>Proposal {proposal} ", session.Html);
        var accepted = await session.PostAsync($"/review/proposals/{proposal}/accept", ("comment", "same firm, Dutch name"));
        var back = accepted.Headers.Location!.OriginalString;
        Assert.Contains("status=accepted", back);
        // The older id (minted first) survives.
        Assert.Contains("survivor=" + a, back);
        await session.GetAsync("/review/entities/" + a);
        Assert.Contains("Ostrander Keramiek", session.Html);
        Assert.Contains("same firm, Dutch name", session.Html);

        await session.GetAsync("/review");
        var undone = await session.PostAsync("/review/undo");
        Assert.Contains("status=undone", undone.Headers.Location!.OriginalString);
        Assert.Contains(await service.Runtime.ReviewStore.GetProposalsAsync(ProposalStatus.Pending), p => p.Id == proposal);
        await session.GetAsync("/review/entities/" + b);
        Assert.Contains("<dt>Status</dt><dd>active</dd>", session.Html);
    }
}
