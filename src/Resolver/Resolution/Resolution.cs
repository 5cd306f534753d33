namespace Names.Resolver.Resolution;

/// <summary>Values of the <c>resolution</c> output column.</summary>
public static class ResolutionKind
{
    /// <summary>Linked to an existing entity (a known variant, or a new variant scored at or above the upper threshold).</summary>
    public const string Matched = "matched";
    /// <summary>A new entity was minted.</summary>
    public const string New = "new";
    /// <summary>A new entity was minted and a review proposal links it to a likely existing one.</summary>
    public const string Review = "review";
    /// <summary>The party is unusable (no letters or digits ...); see <see cref="ResolvedParty.Problem"/>. No id.</summary>
    public const string Rejected = "rejected";
}
