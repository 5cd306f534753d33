namespace Names.Resolver.Review;

/// <summary>
/// What re-scoring the pending proposals with a new model did: how many were scored, accepted (merged) or rejected
/// (cannot-linked) automatically, left pending with a new score, or refused (a cannot-link or a concurrent decision).
/// </summary>
public sealed record RescoreOutcome(int Rescored, int Accepted, int Rejected, int StillPending, int Refused);
