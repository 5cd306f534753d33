using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>
/// What the generated OpenAPI document (/openapi/v1.json) says beyond the endpoints themselves, so that a generated
/// client can authenticate and handle errors: the Bearer (API key) scheme, each operation's role (security requirement,
/// <c>x-names-role</c> and a sentence in its description), tags with descriptions, the licence and the server.
/// </summary>
public static class ServiceOpenApi
{
    public const string SchemeName = "apiKey";
    public const string RoleExtension = "x-names-role";
    /// <summary>The project has no published licence: an SPDX user-defined reference until it has one.</summary>
    public const string Licence = "Proprietary";
    public const string LicenceIdentifier = "LicenseRef-Names-Proprietary";

    /// <summary>The operations' tags: the first path segment after /api/v1.</summary>
    private static IReadOnlyList<(string Name, string Description)> Tags { get; } =
    [
        ("health", "Liveness, readiness and store health; no API key needed."),
        ("normalize", "Clean raw names into party records (spec rules R1-R23); writes nothing."),
        ("lookup", "Ranked candidate entities for a name, with per-feature explanations; writes nothing."),
        ("resolve", "Resolve a name to its persistent global id (matched, newly minted, or sent to review)."),
        ("entities", "Entities by id, with their name variants and history; split an entity."),
        ("review", "The analysts' review queue: proposals, decisions, undo, entity search."),
        ("keys", "API keys (admin)."),
        ("metrics", "Prometheus metrics."),
    ];

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = context.Description.RelativePath ?? "";
            var segment = path.StartsWith("api/v1/", StringComparison.Ordinal) ? path["api/v1/".Length..].Split('/', '?')[0] : "";
            if (Tags.Any(t => t.Name == segment)) operation.Tags = new HashSet<OpenApiTagReference> { new(segment, context.Document) };

            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var role = metadata.OfType<IAuthorizeData>().Select(a => RolePolicies.RoleOf(a.Policy)).FirstOrDefault(r => r is not null);
            if (role is null || metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()]; // `{}`: no key needed
                return Task.CompletedTask;
            }
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RoleExtension] = new JsonNodeExtension(JsonValue.Create(role.Value.ToText()));
            var higher = Enum.GetValues<ApiRole>().Where(r => r > role.Value).Select(r => r.ToText()).ToList();
            operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") +
                                    $"Needs an API key with the role **{role.Value.ToText()}**" + (higher.Count > 0 ? $" (or {string.Join(", ", higher)})." : ".");
            return Task.CompletedTask;
        });

        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Names API",
                Version = "v1",
                Description = "Clean the names of applicants, owners and inventors and resolve them to persistent global identifiers. " +
                              "Authenticate with an API key: `Authorization: Bearer <key>`. Every error is an RFC 9457 problem " +
                              "(application/problem+json) with a stable `code`; every operation may answer 429 `rate_limited` with Retry-After.",
                License = new OpenApiLicense { Name = Licence, Identifier = LicenceIdentifier },
            };
            // The server answering this request; no trailing slash, so that clients append paths as written.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
                server.Description ??= "this instance";
            }
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "API key (nk_...)",
                Description = "An API key from `names keys add --role reader|filer|reviewer|admin` or POST /api/v1/keys. Roles are " +
                              "ordered reader < filer < reviewer < admin; each operation names the lowest role it needs (x-names-role).",
            };
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            return Task.CompletedTask;
        });
    }
}
