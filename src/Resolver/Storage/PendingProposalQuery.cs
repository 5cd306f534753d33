using Names.Normalization;
using Names.Resolver.Review;

namespace Names.Resolver.Storage;

/// <summary>
/// Which pending proposals <see cref="IRegistryStore.GetPendingProposalsAsync"/> reads, in queue order around
/// <paramref name="Boundary"/> (the score a proposal is least certain at). The filter values are normalised for the
/// SQL: Kind as stored ("person", "legal_entity"; any spelling a kind column takes), Country upper case, Source lower
/// case; null or blank: no restriction. <paramref name="NotSkippedBy"/>: leave out what this reviewer skipped.
/// </summary>
public sealed record PendingProposalQuery(double Boundary, string? Kind = null, string? Country = null, double? MinScore = null,
    double? MaxScore = null, string? Source = null, string? NotSkippedBy = null)
{
    public static PendingProposalQuery From(ProposalFilter filter, double boundary, string? notSkippedBy = null) =>
        new(boundary,
            Blank(filter.Kind) ? null : (EntityKindText.Parse(filter.Kind)?.ToText() ?? filter.Kind!.Trim()).ToLowerInvariant(),
            Blank(filter.Country) ? null : filter.Country!.Trim().ToUpperInvariant(),
            filter.MinScore, filter.MaxScore,
            Blank(filter.Source) ? null : filter.Source!.Trim().ToLowerInvariant(),
            notSkippedBy);

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>
    /// The stored source files (lower case) the Source filter matches, found once per request by
    /// <see cref="PendingProposalPager"/> (so each row is checked by equality, not by a LIKE); null before that.
    /// </summary>
    internal IReadOnlyList<string>? SourceValues { get; init; }
}
