namespace Names.Resolver.Resolution;

/// <summary>Decision thresholds and run settings. Defaults were chosen on dedupe-patstat-nl (see README figures).</summary>
public sealed record ResolutionOptions
{
    /// <summary>Auto-link at or above this match probability.</summary>
    public double UpperThreshold { get; init; } = 0.9;
    /// <summary>Between this and the upper threshold a review proposal is made; below, a new entity.</summary>
    public double LowerThreshold { get; init; } = 0.5;
    /// <summary>Seed of the id generator for a fresh registry (a registry keeps the seed it was created with).</summary>
    public ulong Seed { get; init; }
    /// <summary>Candidate variants retrieved from the index per new variant (best-ranked first).</summary>
    public int MaxCandidates { get; init; } = 64;
    /// <summary>Entities (of the retrieved candidates, in rank order) a new variant is scored against.</summary>
    public int MaxEntities { get; init; } = 8;
    /// <summary>Members of one entity compared with a new variant (anti-chaining evidence).</summary>
    public int MaxMembersPerEntity { get; init; } = 3;
    /// <summary>
    /// Comparison records a bulk run keeps decoded (the last used); the others stay packed and are decoded again when a
    /// name reaches them. Bounds the run's memory, whatever the registry's size; changes no decision.
    /// </summary>
    public int DecodedRecords { get; init; } = 50_000;
    /// <summary>New variants per write transaction (committed at the end of the chunk that reaches it).</summary>
    public int BatchSize { get; init; } = 20000;
    /// <summary>
    /// Rows resolved together: commits, a requested stop and the cluster-level pass happen at chunk ends, so with context
    /// columns the chunk size can change which entities are folded.
    /// </summary>
    public int ChunkSize { get; init; } = 2048;
    /// <summary>
    /// Identity of the input and of every setting that changes decisions. When set, each committed batch records a
    /// <see cref="RunCheckpoint"/> and a run interrupted with the same fingerprint is resumed; null: no checkpoints.
    /// </summary>
    public string? RunFingerprint { get; init; }
    /// <summary>Anti-chaining: a link is refused when at least this share of the compared members clearly differ (p below the lower threshold).</summary>
    public double MaxDissentShare { get; init; } = 0.5;
    /// <summary>
    /// Hard rules: a pair showing one of these feature levels is never linked, whatever the model says (it counts as
    /// clearly different). Defaults: numbers in names must agree; two persons whose given names conflict
    /// (SMITH JOHN / SMITH MARY) are different people.
    /// </summary>
    public IReadOnlyDictionary<string, int[]> VetoLevels { get; init; } = new Dictionary<string, int[]>
    {
        ["numbers"] = [0],
        ["person_name"] = [1, 2],
    };

    /// <summary>
    /// After each chunk, compare the entities minted in it as whole clusters (context pooled over all their rows) and fold
    /// those that match an entity at the upper threshold with the same legal form. Only runs with context columns. Also
    /// lets a person row with context that matches two entities minted in its chunk join them (instead of a proposal).
    /// </summary>
    public bool ClusterLevelMerge { get; init; } = true;

    /// <summary>
    /// Name conflict rules applied over the model's score when no context is shared: organisation words differing both
    /// ways (<see cref="Comparison.WordSetRelation"/>) and persons' names conflicting (<see cref="Comparison.PersonNameConflict"/>)
    /// count as clearly different; a name that is the other plus words, or the same words with a different legal form,
    /// is capped at <see cref="SubsetNameCap"/>.
    /// </summary>
    public bool NameConflictRules { get; init; } = true;
    /// <summary>
    /// Comparison levels (feature name -> levels) at which two names share nothing that names them. Such a pair is neither
    /// linked nor proposed unless its context weighs <see cref="StrongContextBits"/> (<see cref="NameSupportRule"/>).
    /// </summary>
    public IReadOnlyDictionary<string, int[]> UnsupportedNameLevels { get; init; } = new Dictionary<string, int[]>
    {
        ["shared_words"] = [Comparison.SharedWordFeature.NoneShared],
    };
    /// <summary>
    /// Context evidence that supports names sharing no distinctive word: the context features' log2 Bayes factors under the
    /// unsupervised model, summed. 4 bits (16 times likelier among matches) takes two context columns agreeing; patent
    /// classes alone (2 bits on dedupe-patstat-nl) are shared by competitors.
    /// </summary>
    public double StrongContextBits { get; init; } = 4;
    /// <summary>
    /// Comparison levels at which the names meet only as an acronym and its expansion (IBM / INTERNATIONAL BUSINESS
    /// MACHINES). An acronym is evidence only within one country or with strong context: without them such a pair is
    /// capped at <see cref="SubsetNameCap"/>, so review at most, never an automatic link (<see cref="NameSupportRule"/>).
    /// </summary>
    public IReadOnlyDictionary<string, int[]> AcronymOnlyLevels { get; init; } = new Dictionary<string, int[]>
    {
        ["shared_words"] = [Comparison.SharedWordFeature.AcronymOnly],
    };
    /// <summary>Highest match probability of a name that is another plus words: below the upper threshold, so review at most.</summary>
    public double SubsetNameCap { get; init; } = 0.8;

    /// <summary>
    /// Persons with context (date of birth, place ...) are compared member by member, and their rows carry typos in
    /// every field: more members and entities are compared, and a link is not refused because some members clearly
    /// differ (1.0 = only when all do). Measured on splink-historical50k (B-cubed P 0.992 -> 0.988, R 0.78 -> 0.82).
    /// </summary>
    public int PersonMembersPerEntity { get; init; } = 6;
    public int PersonMaxEntities { get; init; } = 16;
    public double PersonMaxDissentShare { get; init; } = 1.0;

    /// <summary>Resolve each organisation unit as its own entity (<see cref="Names.Normalization.NameInput.KeepUnits"/>) instead of its parent.</summary>
    public bool KeepUnits { get; init; }

    public string Actor { get; init; } = "resolver";
    /// <summary>Provenance recorded with new variants.</summary>
    public string SourceFile { get; init; } = "";
}
