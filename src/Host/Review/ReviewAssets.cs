using System.Security.Cryptography;

namespace Names.Host.Review;

/// <summary>
/// The page's style sheet and script, embedded in the executable (no build step, no CDN) and served under
/// /review/assets/ with a content hash in the URL, so they can be cached for good.
/// </summary>
public static class ReviewAssets
{
    private static readonly Asset Style = Load("review.css", "text/css; charset=utf-8");
    private static readonly Asset Script = Load("review.js", "text/javascript; charset=utf-8");

    public static string StylePath => Style.Path;
    public static string ScriptPath => Script.Path;

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var asset in new[] { Style, Script })
            app.MapGet(asset.Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(asset.Content, asset.ContentType);
            }).AllowAnonymous().ExcludeFromDescription();
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(ReviewAssets).Assembly.GetManifestResourceStream("Names.Host.Review.Assets." + name)
                           ?? throw new InvalidOperationException("missing embedded asset " + name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        var dot = name.LastIndexOf('.');
        return new Asset($"/review/assets/{name[..dot]}.{version}{name[dot..]}", content, contentType);
    }

    private sealed record Asset(string Path, byte[] Content, string ContentType);
}
