using Names.Resolver.Service.ReadModel;

namespace Names.Resolver.Tests;

/// <summary>The read model's position in an id-ordered change feed whose ids may commit out of order (PostgreSQL sequences).</summary>
public sealed class CommitCursorTests
{
    [Fact]
    public void Ids_skipped_over_are_asked_for_again_until_they_commit()
    {
        var cursor = new CommitCursor(10, TimeSpan.FromSeconds(60));
        cursor.Advance([11, 14], nowTicks: 0);
        Assert.Equal(14, cursor.Position);
        Assert.Equal([12L, 13L], cursor.Gaps.Order());
        cursor.Advance([13, 15], nowTicks: 1);
        Assert.Equal(15, cursor.Position);
        Assert.Equal([12L], cursor.Gaps);
    }

    [Fact]
    public void A_gap_that_never_fills_is_dropped_after_the_timeout_and_a_sequence_jump_is_not_tracked()
    {
        var cursor = new CommitCursor(0, TimeSpan.FromSeconds(2), maxGapRun: 100);
        cursor.Advance([2], nowTicks: 0);
        cursor.Expire(nowTicks: 1_000, ticksPerSecond: 1_000);
        Assert.Equal([1L], cursor.Gaps);
        cursor.Expire(nowTicks: 3_000, ticksPerSecond: 1_000);
        Assert.Empty(cursor.Gaps);
        cursor.Advance([500], nowTicks: 3_000);
        Assert.Equal(500, cursor.Position);
        Assert.Empty(cursor.Gaps);
    }
}
