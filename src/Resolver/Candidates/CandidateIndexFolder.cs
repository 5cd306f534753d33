using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Names.Resolver.Storage;

namespace Names.Resolver.Candidates;

/// <summary>The registry and schema a candidate index on disk is built for.</summary>
public sealed record CandidateIndexStamp(string RegistryId, int Schema);

/// <summary>The candidate index cannot be kept where it was asked to live (an unwritable or unusable directory).</summary>
public sealed class CandidateIndexException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Opens the candidate index kept in a directory (<see cref="MMapDirectory"/>). The index is derived state: absent,
/// unreadable or of another schema, it is started afresh (and then built by catching up from the registry's first
/// variant); of another registry, it is moved aside (never read) and started afresh. Each case is reported in one line.
/// </summary>
public static class CandidateIndexFolder
{
    /// <summary>Registry meta key of the registry's own id, minted on first use, which its candidate indexes record.</summary>
    public const string RegistryIdMetaKey = "registry.id";

    /// <summary>Opens the index kept in <paramref name="path"/> for the registry of <paramref name="store"/>.</summary>
    public static async Task<LuceneCandidateIndex> OpenAsync(string path, IRegistryStore store, Action<string> report, CancellationToken ct = default)
    {
        var id = await store.GetMetaAsync(RegistryIdMetaKey, ct);
        if (id is null)
        {
            id = Guid.NewGuid().ToString("N");
            var batch = new RegistryBatch();
            batch.Meta[RegistryIdMetaKey] = id;
            await store.ApplyAsync(batch, ct);
        }
        var index = Open(path, new CandidateIndexStamp(id, await store.GetSchemaVersionAsync(ct)), report);
        await PurgeErasedAsync(store, index, ct);
        return index;
    }

    /// <summary>Removes erased persons' variants an index still holds (an erasure made while another process had it open).</summary>
    public static async Task PurgeErasedAsync(IRegistryStore store, LuceneCandidateIndex index, CancellationToken ct = default)
    {
        var erased = (await store.PersonalData.GetErasuresAsync(null, ct)).SelectMany(e => e.VariantIds).ToList();
        if (index.Holding(erased) > 0) index.Remove(erased);
    }

    public static LuceneCandidateIndex Open(string path, CandidateIndexStamp stamp, Action<string> report, CandidateIndexOptions? options = null)
    {
        options ??= new CandidateIndexOptions();
        try
        {
            System.IO.Directory.CreateDirectory(path);
            var problem = Check(path, stamp);
            if (problem is { } p)
            {
                if (p.SetAside)
                {
                    var aside = path.TrimEnd('/', '\\') + ".other-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
                    System.IO.Directory.Move(path, aside);
                    System.IO.Directory.CreateDirectory(path);
                    report($"candidate index {path}: {p.Reason}; set aside as {aside}, rebuilding it from the registry");
                }
                else
                {
                    foreach (var file in System.IO.Directory.EnumerateFiles(path)) File.Delete(file);
                    report($"candidate index {path}: {p.Reason}; rebuilding it from the registry");
                }
            }
            return new LuceneCandidateIndex(new MMapDirectory(new DirectoryInfo(path)), options, stamp);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or LockObtainFailedException)
        {
            throw new CandidateIndexException($"candidate index directory '{path}' cannot be used: {e.Message}", e);
        }
    }

    private const string TemporaryPrefix = "names-candidates-";

    /// <summary>
    /// A process-private index in a new temporary directory (the service's read model), deleted on dispose, or after a
    /// kill by the next process that opens one. Lookups read its files through memory maps, which many threads read
    /// without a lock; a <see cref="RAMDirectory"/> takes one for each 1 KB buffer a read moves to, which concurrent
    /// lookups contend on.
    /// </summary>
    public static LuceneCandidateIndex OpenTemporary(CandidateIndexOptions? options = null)
    {
        var temp = Path.GetTempPath();
        foreach (var stale in System.IO.Directory.EnumerateDirectories(temp, TemporaryPrefix + "*"))
            if (OwnerGone(Path.GetFileName(stale))) DeleteTemporary(stale);
        var path = Path.Combine(temp, $"{TemporaryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.CreateDirectory(path);
            return new LuceneCandidateIndex(new MMapDirectory(new DirectoryInfo(path)), options ?? new CandidateIndexOptions(), temporaryPath: path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CandidateIndexException($"candidate index directory '{path}' cannot be used: {e.Message}", e);
        }
    }

    internal static void DeleteTemporary(string path)
    {
        try { System.IO.Directory.Delete(path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // another process's, or already gone
    }

    /// <summary>Whether the process named in a temporary index directory (prefix, pid, guid) has ended.</summary>
    private static bool OwnerGone(string name)
    {
        var parts = name[TemporaryPrefix.Length..].Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException) { return true; } // no such process
        catch (InvalidOperationException) { return true; }
    }

    /// <summary>Adds the registry's variants the index does not hold yet and commits it caught up; returns how many were added.</summary>
    public static async Task<long> CatchUpAsync(IRegistryStore store, LuceneCandidateIndex index, CancellationToken ct = default)
    {
        var keys = new BlockingKeyGenerator();
        // An index ahead of the registry (a registry restored from a copy) forgets what the registry does not hold.
        index.RollBack(Math.Min(index.CaughtUp, await store.GetMaxVariantIdAsync(ct)));
        long added = 0, last = index.CaughtUp;
        await foreach (var v in store.ReadVariantsAsync(ct))
        {
            last = Math.Max(last, v.Id);
            if (v.Id <= index.CaughtUp) continue;
            index.Add(v.Id, CandidateTerms.Of(Resolution.RegistryState.RecordOf(v), keys));
            added++;
        }
        index.Commit(last);
        return added;
    }

    /// <summary>The index of the registry as it is on disk, for checking, or why it cannot be used (it is not rebuilt).</summary>
    public static async Task<(LuceneCandidateIndex? Index, string? Problem)> OpenForCheckAsync(string path, IRegistryStore store, CancellationToken ct = default)
    {
        var id = await store.GetMetaAsync(RegistryIdMetaKey, ct);
        if (id is null || !System.IO.Directory.Exists(path)) return (null, "not built yet (the next run or `names index rebuild` builds it)");
        var stamp = new CandidateIndexStamp(id, await store.GetSchemaVersionAsync(ct));
        if (Check(path, stamp) is { } p) return (null, $"{p.Reason} (the next run or `names index rebuild` rebuilds it)");
        try { return (new LuceneCandidateIndex(new MMapDirectory(new DirectoryInfo(path)), new CandidateIndexOptions(), stamp), null); }
        catch (Exception e) when (e is IOException or LockObtainFailedException or UnauthorizedAccessException)
        {
            return (null, $"cannot be opened ({e.Message})");
        }
    }

    private static (string Reason, bool SetAside)? Check(string path, CandidateIndexStamp stamp)
    {
        using var directory = new MMapDirectory(new DirectoryInfo(path));
        if (!System.IO.Directory.EnumerateFileSystemEntries(path).Any()) return ("not built yet", false);
        IDictionary<string, string> data;
        try
        {
            if (!DirectoryReader.IndexExists(directory)) return ("no readable commit", false);
            var infos = new SegmentInfos();
            infos.Read(directory);
            data = infos.UserData;
            // Opening every segment checks that the files the commit names are there and whole enough to open.
            using var reader = DirectoryReader.Open(directory);
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidOperationException or EndOfStreamException)
        {
            return ($"unreadable ({e.GetType().Name}: {e.Message})", false);
        }
        var (registry, schema, terms) = LuceneCandidateIndex.ReadStamp(data);
        if (registry is null) return ("no registry recorded in its commit", false);
        if (registry != stamp.RegistryId) return ($"built for another registry ({registry})", true);
        if (schema != stamp.Schema) return ($"built for schema {schema}, the registry has {stamp.Schema}", false);
        if (terms != CandidateTerms.Version) return ($"holds index terms of version {terms}, this build indexes version {CandidateTerms.Version}", false);
        return null;
    }
}
