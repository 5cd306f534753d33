namespace Names.Resolver.ExternalIds;

/// <summary>One identifier scheme: how a value is written in its normal form and why a value is refused.</summary>
public interface IExternalIdScheme
{
    /// <summary>The scheme's name as users write it (<c>lei</c>, <c>office:EP</c>).</summary>
    string Name { get; }
    /// <summary>How explanations name it ("LEI", "ROR id").</summary>
    string Label { get; }
    /// <summary>The value in normal form, or null with <paramref name="reason"/> saying why it is refused.</summary>
    string? Normalize(string raw, out string reason);
}
