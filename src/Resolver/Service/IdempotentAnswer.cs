namespace Names.Resolver.Service;

/// <summary>
/// The first answer given to a request carrying an Idempotency-Key: Scope is the caller (API key), RequestHash tells
/// whether a retry repeats the same request, Body is the JSON answer and Status its HTTP status.
/// </summary>
public sealed record IdempotentAnswer(string Scope, string Key, string RequestHash, int Status, string Body, DateTimeOffset Created);
