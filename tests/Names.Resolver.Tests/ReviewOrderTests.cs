using Names.Resolver.Review;

namespace Names.Resolver.Tests;

public sealed class ReviewOrderTests
{
    [Fact]
    public void The_least_certain_come_first_with_a_seeded_share_drawn_from_the_whole_queue()
    {
        var scores = Enumerable.Range(0, 2000).Select(i => 0.5 + 0.4 * i / 2000.0).ToList(); // nearest 0.7 in the middle
        var order = new ReviewOrder(0.7);
        var asked = order.Arrange(scores, s => s, 200);
        var nearest = scores.OrderBy(order.Distance).Take(200).ToHashSet();
        var drawn = asked.Count(s => !nearest.Contains(s));
        Assert.InRange(drawn, 10, 40); // 15% of 200 turns, some draws landing among the nearest anyway
        Assert.Equal(asked, order.Arrange(scores, s => s, 200));
        Assert.NotEqual(asked, (order with { Seed = 2 }).Arrange(scores, s => s, 200));
        Assert.Equal(scores.OrderBy(order.Distance).Take(200), (order with { RandomShare = 0 }).Arrange(scores, s => s, 200));
    }

    [Fact]
    public void A_short_queue_is_asked_in_order()
    {
        var order = new ReviewOrder(0.7);
        Assert.All(Enumerable.Range(1, ReviewOrder.RandomFrom - 1), n => Assert.Null(order.RandomPick(n)));
        var draws = Enumerable.Range(ReviewOrder.RandomFrom, 10_000).Select(n => order.RandomPick(n)).ToList();
        Assert.InRange(draws.Count(d => d is not null) / 10_000.0, 0.13, 0.17);
        Assert.All(draws.Select((d, i) => (d, n: ReviewOrder.RandomFrom + i)).Where(x => x.d is not null), x => Assert.InRange(x.d!.Value, 0, x.n - 1));
    }
}
