using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Names.ApiClient;
using Names.ApiClient.Models;

// names-client-check BASE_URL API_KEY: what a client written against the generated Names API client does. Prints one
// line per call ("resolve: ...") for the test to check; exit 0 when every call answered as the document says.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: names-client-check BASE_URL API_KEY");
    return 2;
}
var adapter = new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticKey(args[1]))) { BaseUrl = args[0].TrimEnd('/') };
var client = new NamesApiClient(adapter);

var resolveRequest = new ResolveRequest { Name = "Koninklijke Philips Electronics N.V.", Country = "NL" };
var idempotencyKey = Guid.NewGuid().ToString("N");
ResolveResponse? first = null, retry = null;
var replay = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
first = await client.Api.V1.Resolve.PostAsync(resolveRequest, c => c.Headers.Add("Idempotency-Key", idempotencyKey));
retry = await client.Api.V1.Resolve.PostAsync(resolveRequest, c =>
{
    c.Headers.Add("Idempotency-Key", idempotencyKey);
    c.Options.Add(replay);
});
var replayed = replay.ResponseHeaders.TryGetValue("Idempotent-Replayed", out var values) && values.Contains("true");
Console.WriteLine($"resolve: id={first!.Id} resolution={first.Resolution} retry-id={retry!.Id} replayed={replayed}");

var lookup = await client.Api.V1.Lookup.GetAsync(c =>
{
    c.QueryParameters.Name = "Philips Electronics NV";
    c.QueryParameters.Country = "NL";
});
var best = lookup!.Parties!.SelectMany(p => p.Candidates!).OrderByDescending(c => c.Score).FirstOrDefault();
Console.WriteLine($"lookup: best={best?.Id} decision={best?.Decision}");

var entity = await client.Api.V1.Entities[first.Id!].GetAsync();
Console.WriteLine($"entities: id={entity!.Id} name={entity.CanonicalName} variants={entity.Variants!.Total}");

try
{
    await client.Api.V1.Entities["not-an-id"].GetAsync();
    Console.WriteLine("problem: none");
}
catch (ProblemDetails problem)
{
    Console.WriteLine($"problem: status={problem.Status} code={problem.AdditionalData["code"]}");
}
return 0;

/// <summary>The API key as the bearer token (the document's security scheme).</summary>
internal sealed class StaticKey(string key) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new();

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(key);
}
