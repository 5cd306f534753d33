using Names.Host.Cli;
using Names.Resolver.Candidates;
using Names.Resolver.Privacy;
using Names.Resolver.Service.ReadModel;
using Names.Resolver.Storage;

namespace Names.Host.Privacy;

/// <summary>
/// An erasure everywhere this process can reach, for `names erase` and the service alike: the registry (one
/// transaction, then its files: <see cref="IPersonalDataStore.EraseAsync"/>), the candidate index on disk (documents
/// deleted and their segments merged away; an index another process holds open is purged when next opened), and the
/// service's read model (other instances drop the names when they read the erased events, within their staleness bound).
/// </summary>
public static class PersonErasure
{
    public static async Task<ErasureOutcome> EraseAsync(IRegistryStore store, RegistryLocation location, ErasureRequest request,
        RegistryReadModel? readModel, Action<string> report, CancellationToken ct)
    {
        var outcome = await store.PersonalData.EraseAsync(request, ct);
        if (outcome.Status != ErasureStatus.Erased) return outcome;
        if (outcome.Note is { } note) report(note);
        readModel?.ApplyErasure(outcome.EntityIds);
        if (location.IndexDirectory is { } dir && Directory.Exists(dir))
        {
            try
            {
                using var index = await CandidateIndexFolder.OpenAsync(dir, store, report, ct); // opening purges erased variants
                if (index.CaughtUp == 0) await CandidateIndexFolder.CatchUpAsync(store, index, ct); // started afresh: rebuilt, as it said
            }
            catch (CandidateIndexException e) { report($"candidate index {dir}: not purged now ({e.Message}); the next open purges it"); }
        }
        return outcome;
    }
}
