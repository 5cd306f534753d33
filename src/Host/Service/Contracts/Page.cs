namespace Names.Host.Service.Contracts;

/// <summary>One page of a list: items from <see cref="Offset"/>, at most <see cref="Limit"/>, of <see cref="Total"/>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, int Limit, long Total);
