using System.Globalization;
using System.Text.Json;
using Names.Resolver.Identifiers;
using Names.Resolver.Storage;

namespace Names.Resolver.Resolution;

/// <summary>
/// Progress of a bulk run, stored in the registry's meta table in the same transaction as each batch it describes, so
/// the registry and its checkpoint never disagree. A run killed or stopped before it completed is resumed by a run with
/// the same <see cref="Fingerprint"/>: the registry is read as it was before the run (the <c>Base*</c> fields), the
/// committed rows are replayed without writing (which rebuilds every in-memory decision input: token statistics, the
/// cluster fold, context pools, the minter sequence, proposals) and writing starts again after <see cref="Chunks"/>.
/// </summary>
public sealed record RunCheckpoint
{
    public const string MetaKey = "run.checkpoint";

    /// <summary>Identity of the input and every setting that changes decisions (computed by the caller).</summary>
    public required string Fingerprint { get; init; }
    /// <summary>The input's name, for messages.</summary>
    public string Input { get; init; } = "";
    /// <summary>Registry before the run: highest variant id, highest proposal id, minter sequence.</summary>
    public long BaseVariantId { get; init; }
    public long BaseProposalId { get; init; }
    public long BaseSequence { get; init; }
    /// <summary>Rows (resolve inputs) and chunks committed so far, and the input line of the last committed row.</summary>
    public long RowsCommitted { get; init; }
    public long LastLine { get; init; }
    public int Chunks { get; init; }
    public int Batches { get; init; }
    /// <summary>Registry after the last commit: a resume requires it unchanged (no other writer since).</summary>
    public long MaxVariantId { get; init; }
    public long Sequence { get; init; }
    public long Events { get; init; }
    public long ModelVersion { get; init; }
    /// <summary>The run finished and its outputs were written: nothing to resume.</summary>
    public bool Complete { get; init; }

    public string Serialize() => JsonSerializer.Serialize(this);

    public static RunCheckpoint? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try { return JsonSerializer.Deserialize<RunCheckpoint>(text); }
        catch (JsonException) { return null; }
    }

    /// <summary>The registry's counters a checkpoint is compared with.</summary>
    internal sealed record RegistryCounters(long MaxVariantId, long Sequence, long Events, long ModelVersion);

    internal static async Task<RegistryCounters> CountAsync(IRegistryStore store, CancellationToken ct) => new(
        await store.GetMaxVariantIdAsync(ct),
        long.Parse(await store.GetMetaAsync(ResolutionEngine.SequenceMetaKey, ct) ?? "0", CultureInfo.InvariantCulture),
        await store.CountEventsAsync(ct),
        (await store.GetLatestModelAsync(null, ct))?.Version ?? 0);

    /// <summary>
    /// The stored checkpoint to resume for a run with <paramref name="fingerprint"/>, or null with, when an unfinished
    /// run is left behind, the reason it is not resumed.
    /// </summary>
    internal static async Task<(RunCheckpoint? Resume, string? NotResumed)> FindAsync(IRegistryStore store, string fingerprint, RegistryCounters now, CancellationToken ct)
    {
        var stored = Parse(await store.GetMetaAsync(MetaKey, ct));
        if (stored is null || stored.Complete) return (null, null);
        var what = $"an interrupted run of {stored.Input} ({stored.RowsCommitted:N0} rows committed) was not resumed";
        if (stored.Fingerprint != fingerprint) return (null, what + ": different input or settings; its committed rows stay in the registry");
        if (now != new RegistryCounters(stored.MaxVariantId, stored.Sequence, stored.Events, stored.ModelVersion))
            return (null, what + ": the registry changed since; its committed rows stay in the registry");
        return (stored, null);
    }

    /// <summary>
    /// Ids the run minted (the minter sequence from <see cref="BaseSequence"/> to <see cref="Sequence"/>, either prefix): left
    /// out when the registry is read as it was before the run. Every id comes from its own sequence number, so none of
    /// these was issued before the run.
    /// </summary>
    internal HashSet<string> MintedIds(ulong seed)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var minter = new IdMinter(seed, BaseSequence);
        while (minter.NextSequence < Sequence)
        {
            var n = minter.NextSequence;
            ids.Add(minter.Mint(GlobalId.PersonPrefix));
            ids.Add(new IdMinter(seed, n).Mint(GlobalId.LegalEntityPrefix));
        }
        return ids;
    }
}
