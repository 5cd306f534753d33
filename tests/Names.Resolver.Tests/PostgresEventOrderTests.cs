using Names.Resolver.Identifiers;
using Names.Resolver.Storage;
using Names.Resolver.Storage.Postgres;
using Npgsql;

namespace Names.Resolver.Tests;

/// <summary>
/// On PostgreSQL a seq is taken at insert but transactions commit in any order: a change-feed consumer that saw seq 12
/// commit before seq 11 would move its cursor past 11 and never see it. Event writers therefore commit in seq order.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresEventOrderTests
{
    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_later_event_is_not_visible_before_an_earlier_uncommitted_one_so_a_cursor_skips_nothing()
    {
        var cs = await TestPostgres.CreateSchemaAsync();
        await using var store = await PostgresRegistryStore.OpenAsync(cs);
        var (first, second) = (GlobalId.Create('L', 11), GlobalId.Create('L', 12));

        // Transaction A inserts its event (taking its seq) and stays open.
        await using var a = new NpgsqlConnection(cs);
        await a.OpenAsync();
        await using var txA = await a.BeginTransactionAsync();
        await PostgresCommands.InsertEventAsync(a, txA, new RegistryEvent(RegistryEventType.Minted, first, null, "a", "", DateTimeOffset.UtcNow), default);

        // Writer B (a bulk batch on another connection) comes later.
        var batch = new RegistryBatch();
        batch.NewEntities.Add(new EntityRecord(second, "legal_entity", "B"));
        batch.Events.Add(new RegistryEvent(RegistryEventType.Minted, second, null, "b", "", DateTimeOffset.UtcNow));
        var writerB = store.ApplyAsync(batch);
        await Task.WhenAny(writerB, Task.Delay(1000));

        // A consumer reads now: whatever it sees, a cursor taken from it must not pass A's event.
        var early = await store.PersonalData.GetChangesAsync(0, 100);
        await txA.CommitAsync();
        await writerB;
        var later = await store.PersonalData.GetChangesAsync(early.Next, 100);
        Assert.Equal([first, second], early.Changes.Concat(later.Changes).Select(c => c.Id).ToList());
    }
}
