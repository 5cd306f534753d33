using System.Text.Json;
using Names.Resolver.Scoring;

namespace Names.Resolver.Storage;

/// <summary>
/// The text of <c>proposals.contributions</c>: the per-feature contributions of the score a proposal was made (or last
/// re-scored) with, as JSON. '' stands for unknown: proposals written before schema version 4.
/// </summary>
public static class ContributionsJson
{
    public static string Write(IReadOnlyList<FeatureContribution>? contributions) =>
        contributions is null ? "" : JsonSerializer.Serialize(contributions);

    public static IReadOnlyList<FeatureContribution>? Read(string text) =>
        text.Length == 0 ? null : JsonSerializer.Deserialize<List<FeatureContribution>>(text);
}
