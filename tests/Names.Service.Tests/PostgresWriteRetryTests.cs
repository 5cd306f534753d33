using Names.Resolver.Identifiers;
using Names.Resolver.Storage.Postgres;
using Npgsql;

namespace Names.Service.Tests;

/// <summary>
/// A write PostgreSQL aborts to break a deadlock runs again from the start: its transaction was rolled back whole, so
/// the id it minted was never issued and is minted again; other errors are not retried.
/// </summary>
public class PostgresWriteRetryTests
{
    [PostgresFact, Trait("Category", "Postgres")]
    public async Task A_write_aborted_by_a_deadlock_runs_again_and_its_rolled_back_id_is_minted_again()
    {
        await using var registry = await PostgresOnlineRegistry.OpenAsync(await TestPostgres.CreateSchemaAsync());
        var minted = new List<string>();
        var id = await registry.WriteLockedAsync("retry", async s =>
        {
            minted.Add(await s.MintIdAsync(GlobalId.LegalEntityPrefix, CancellationToken.None));
            if (minted.Count == 1) throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
            return minted[^1];
        });

        Assert.Equal(2, minted.Count);
        Assert.Equal(minted[0], minted[1]); // the first transaction left nothing behind
        Assert.Equal(id, minted[1]);
        var next = await registry.WriteLockedAsync("retry", s => s.MintIdAsync(GlobalId.LegalEntityPrefix, CancellationToken.None));
        Assert.NotEqual(id, next);
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Other_errors_are_not_retried_and_a_deadlock_that_keeps_coming_back_is_reported()
    {
        await using var registry = await PostgresOnlineRegistry.OpenAsync(await TestPostgres.CreateSchemaAsync());
        int attempts = 0;
        var unique = await Assert.ThrowsAsync<PostgresException>(() => registry.WriteLockedAsync<int>("retry", _ =>
        {
            attempts++;
            throw new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
        }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, unique.SqlState);
        Assert.Equal(1, attempts);

        attempts = 0;
        var deadlock = await Assert.ThrowsAsync<PostgresException>(() => registry.WriteLockedAsync<int>("retry", _ =>
        {
            attempts++;
            throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
        }));
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, deadlock.SqlState);
        Assert.Equal(4, attempts);
    }
}
