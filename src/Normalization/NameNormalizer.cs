using Names.Normalization.Lexicon;
using Names.Normalization.Pipeline;
using Names.Normalization.Transliteration;

namespace Names.Normalization;

/// <summary>
/// Raw name field -> cleaned parties (R1-R23 of the name-cleaning spec). Thread-safe (each thread gets its own
/// workspace and ICU transliterators), deterministic, never throws on any string.
/// </summary>
public sealed class NameNormalizer : IDisposable
{
    public const string RulesetVersion = "2026.11.1";

    private readonly NormalizationLexicon _lexicon;
    private readonly NamePipeline _pipeline = new();
    private readonly Lazy<(IcuLibrary? Library, string Error)> _icu;
    private readonly ThreadLocal<PipelineWorkspace> _workspaces;
    // read once (~20 ms) and shared: per-thread copies would cost that on every worker thread
    private readonly Lazy<HanCharacterRules?> _hanCharacters;
    private readonly RomanizationCache _romanized = new(Romanizer.DefaultCacheGenerationSize);
    // loaded by the first Japanese name; shared (kakasi's own state is process-wide, calls are serialised inside)
    private readonly Lazy<(KakasiLibrary? Library, string Error)> _kakasi;
    private readonly Lazy<KakasiLibrary?> _japanese;

    private NameNormalizer(NormalizationLexicon lexicon, Lazy<(IcuLibrary? Library, string Error)> icu, Lazy<HanCharacterRules?> hanCharacters)
    {
        _lexicon = lexicon;
        _icu = icu;
        _hanCharacters = hanCharacters;
        _kakasi = new(() => (KakasiLibrary.TryLoad(out var error), error), LazyThreadSafetyMode.ExecutionAndPublication);
        _japanese = new(() =>
        {
            var (library, error) = _kakasi.Value;
            // one warning per normaliser, then the Chinese reading: a missing optional library must not stop a run
            if (library == null) Console.Error.WriteLine("warning: " + error);
            return library;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        _workspaces = new ThreadLocal<PipelineWorkspace>(
            () => new PipelineWorkspace(_lexicon, new Romanizer(_icu.Value.Library, _icu.Value.Error, _romanized, _hanCharacters, _japanese)), trackAllValues: true);
    }

    private static Lazy<(IcuLibrary?, string)> LazyIcu() =>
        new(() => (IcuLibrary.TryLoad(out var error), error), LazyThreadSafetyMode.ExecutionAndPublication);

    private static Lazy<HanCharacterRules?> LazyHanCharacters(Lazy<(IcuLibrary? Library, string Error)> icu) =>
        new(() => icu.Value.Library is { } library ? HanCharacterRules.TryCreate(library) : null, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the embedded data files (legal forms, word lists). Takes ~0.1 s: create once and share.</summary>
    public static NameNormalizer CreateDefault()
    {
        var icu = LazyIcu();
        return new(NormalizationLexicon.Load(), icu, LazyHanCharacters(icu));
    }

    /// <summary>
    /// <see cref="CreateDefault"/> for bulk runs: also loads ICU and reads the Han rules (otherwise done by the first
    /// non-Latin name while the other workers wait), in parallel with loading the word lists.
    /// </summary>
    public static async Task<NameNormalizer> CreateDefaultAsync(CancellationToken cancellationToken = default)
    {
        var icu = LazyIcu();
        var hanCharacters = LazyHanCharacters(icu);
        var transliteration = Task.Run(() => hanCharacters.Value, cancellationToken);
        var lexicon = NormalizationLexicon.Load();
        await transliteration;
        return new NameNormalizer(lexicon, icu, hanCharacters);
    }

    /// <summary>Rule ids in pipeline order.</summary>
    public IReadOnlyList<string> RuleOrder => _pipeline.RuleOrder;

    /// <summary>True when system ICU was found (non-Latin names can be romanised); otherwise <see cref="IcuProblem"/> says why.</summary>
    public bool TransliterationAvailable => _icu.Value.Library != null;

    public string IcuProblem => _icu.Value.Error;

    /// <summary>True when kakasi was found (Japanese names are read in Japanese); otherwise <see cref="JapaneseReadingProblem"/> says why.</summary>
    public bool JapaneseReadingAvailable => _kakasi.Value.Library != null;

    public string JapaneseReadingProblem => _kakasi.Value.Error;

    /// <summary>Throws with a clear message when system ICU is absent (for hosts that want to fail at start-up).</summary>
    public void EnsureTransliterationAvailable()
    {
        if (!TransliterationAvailable) throw new InvalidOperationException(IcuProblem);
    }

    public IReadOnlyList<Party> Normalize(NameInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return _pipeline.Run(input, _workspaces.Value!);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // last line of defence: a rule bug must not stop a bulk run; the record says what happened
            var raw = input.Name ?? "";
            return new[]
            {
                new Party
                {
                    RawName = raw, DisplayName = raw.Length > 200 ? raw[..200] : raw, NameKey = "", CompactKey = "",
                    Kind = EntityKind.Unknown, Problem = "internal error while cleaning: " + ex.GetType().Name + ": " + ex.Message,
                },
            };
        }
    }

    public void Dispose()
    {
        foreach (var w in _workspaces.Values) w.Dispose();
        _workspaces.Dispose();
        if (_hanCharacters.IsValueCreated) _hanCharacters.Value?.Dispose();
    }
}
