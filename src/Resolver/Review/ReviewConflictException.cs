namespace Names.Resolver.Review;

/// <summary>
/// A decision that the registry's current state forbids: the proposal was already decided (another reviewer won), a
/// cannot-link stands between the two entities, or the merge to undo was changed since.
/// </summary>
public sealed class ReviewConflictException(string message) : InvalidOperationException(message);
