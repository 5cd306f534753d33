namespace Names.Normalization;

/// <summary>
/// Raw name field -> cleaned parties (R1-R23). Thread-safe, deterministic, never throws on any string.
/// PLACEHOLDER implementation: upper-cases and strips punctuation only; the rule pipeline replaces it.
/// </summary>
public sealed class NameNormalizer
{
    public const string RulesetVersion = "0.0.0-placeholder";

    public static NameNormalizer CreateDefault() => new();

    public IReadOnlyList<Party> Normalize(NameInput input)
    {
        var raw = input.Name ?? "";
        var display = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var tokens = new List<string>();
        foreach (var t in display.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var clean = new string(t.Where(char.IsLetterOrDigit).ToArray());
            if (clean.Length > 0) tokens.Add(clean);
        }
        var key = string.Join(' ', tokens);
        return new[]
        {
            new Party
            {
                RawName = raw, DisplayName = display, NameKey = key, CompactKey = key.Replace(" ", ""),
                Kind = EntityKindText.Parse(input.KindHint) ?? EntityKind.Unknown,
                Country = (input.Country ?? "").Trim().ToUpperInvariant(),
                Problem = key.Length == 0 ? "no letters or digits" : "",
            },
        };
    }
}
