namespace Names.Host.Service;

/// <summary>
/// Stable error codes carried in every problem details body (<c>code</c>) and in its <c>type</c> URI. Clients branch
/// on these, never on the human-readable title or detail.
/// </summary>
public static class ProblemCodes
{
    public const string TypeBase = "https://names.example/problems/";

    public const string Unauthorized = "unauthorized";
    public const string InvalidApiKey = "invalid_api_key";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidJson = "invalid_json";
    public const string MissingName = "missing_name";
    public const string NameTooLong = "name_too_long";
    public const string TooManyNames = "too_many_names";
    public const string InvalidLimit = "invalid_limit";
    public const string InvalidPagination = "invalid_pagination";
    public const string InvalidRole = "invalid_role";
    public const string InvalidId = "invalid_id";
    public const string EntityNotFound = "entity_not_found";
    public const string InvalidExternalId = "invalid_external_id";
    public const string UnusableName = "unusable_name";
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string BodyTooLarge = "body_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string Conflict = "conflict";
    public const string InvalidSplit = "invalid_split";
    public const string StoreUnavailable = "store_unavailable";
    public const string NotReady = "not_ready";
    public const string InternalError = "internal_error";
    public const string EntityErased = "entity_erased";
    public const string NotAPerson = "not_a_person";
    public const string InvalidCursor = "invalid_cursor";

    /// <summary>The code for a status when nothing more specific was set (status-code pages, framework errors).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => InvalidRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        410 => EntityErased,
        413 => BodyTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => StoreUnavailable,
        _ => status >= 500 ? InternalError : InvalidRequest,
    };
}
