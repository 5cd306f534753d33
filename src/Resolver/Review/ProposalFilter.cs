namespace Names.Resolver.Review;

/// <summary>
/// Which pending proposals a reviewer wants to see. Kind and Country match either entity of the pair (country: any of
/// its variants); the score band is inclusive; Source matches the source file of any variant's provenance (full path
/// or file name, case-insensitive). Null: no restriction.
/// </summary>
public sealed record ProposalFilter(string? Kind = null, string? Country = null, double? MinScore = null,
                                   double? MaxScore = null, string? Source = null)
{
    public static readonly ProposalFilter None = new();
}
