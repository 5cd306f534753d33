using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Names.Host.Review;
using Names.Host.Service.Endpoints;

namespace Names.Host.Service;

/// <summary>
/// Builds the hosted HTTP service (ASP.NET Core minimal API) over an open <see cref="ServiceRuntime"/>: JSON logs,
/// problem details for every error, API-key authentication with role policies, per-key rate limiting, metrics,
/// OpenAPI at /openapi/v1.json, the /api/v1 endpoints and the analysts' page /review.
/// </summary>
public static class ServiceApplication
{
    /// <param name="configure">Last say over the builder (tests put a test server here).</param>
    public static WebApplication Build(ServiceRuntime runtime, ServiceSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", settings.LogLevel > LogLevel.Warning ? settings.LogLevel : LogLevel.Warning);
        // Data protection encrypts the review page's session and CSRF cookies; its key ring is in the registry
        // (RegistryXmlRepository), stored as plain XML: readable by whoever can read the registry, as documented. No
        // warning per key about that at every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // Logs go to stderr: stdout carries what the command prints (the first admin key, the listening address).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Started by systemd: readiness notification (Type=notify: READY=1 once listening, STOPPING=1 on stop) and logs
        // in journald's format with their priority. Started any other way: nothing changes.
        builder.Services.AddSystemd();
        // A stop (SIGTERM) lets the requests in flight finish, for at most this long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);

        var services = builder.Services;
        services.AddSingleton(runtime);
        services.AddSingleton(runtime.Metrics);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ReadAuditLog(runtime.ReviewStore.PersonalData, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Names.Host.Service.ReadAudit")));
        services.AddSingleton(sp => new ApiKeyCache(runtime.Keys, sp.GetRequiredService<TimeProvider>()));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (!c.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var code = ProblemCodes.ForStatus(status);
                c.ProblemDetails.Extensions["code"] = code;
                c.ProblemDetails.Type = ProblemCodes.TypeBase + code;
            }
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddReviewSession();
        services.AddAuthorization(o =>
        {
            RolePolicies.Add(o);
            ReviewSession.AddPolicy(o);
        });
        // One application name and one key ring for every instance on the registry: cookies and forms served by one
        // instance are accepted by the others (docs/scaling.md).
        services.AddDataProtection().SetApplicationName("names");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new RegistryXmlRepository(runtime.KeyRing));
        // First of all hosted services (before data protection loads its ring): one first key per registry.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<KeyRingBootstrap>(sp, runtime.KeyRing)));
        services.AddAntiforgery(ReviewForms.Configure);
        services.AddRateLimiter(o => KeyRateLimiting.Configure(o, settings));
        services.AddOpenApi(ServiceOpenApi.Configure);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = RequestReader.Json.Encoder);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Lifetime.ApplicationStopping.Register(runtime.Readiness.MarkStopping);
        // After the server has drained its requests: the audit entries still queued are stored before the registry closes.
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<ReadAuditLog>().StopAsync().GetAwaiter().GetResult());
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync, StatusCodeSelector = StatusOf });
        app.UseStatusCodePages();
        app.UseRouting();
        ReviewPages.UseSecurityHeaders(app);
        app.UseAuthentication();
        app.UseMiddleware<ReadAuditMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter<ProblemEndpointFilter>();
        api.ProducesProblem(429); // the rate limiter answers any request
        HealthEndpoints.Map(api);
        NormalizeEndpoints.Map(api);
        LookupEndpoints.Map(api);
        ResolveEndpoints.Map(api);
        EntityEndpoints.Map(api);
        DataProtectionEndpoints.Map(api);
        KeyEndpoints.Map(api);
        ReviewEndpoints.Map(api);
        MetricsEndpoints.Map(api);
        ReviewPages.Map(app);
        return app;
    }

    private static int StatusOf(Exception e) => e switch
    {
        ServiceProblemException p => p.Status,
        BadHttpRequestException b => b.StatusCode,
        _ => 500,
    };

    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case ServiceProblemException p:
                await ServiceProblem.WriteAsync(context, p.Status, p.Code, p.Title, p.Detail);
                break;
            case BadHttpRequestException b:
                await ServiceProblem.WriteAsync(context, b.StatusCode, ProblemCodes.ForStatus(b.StatusCode), "Bad request", b.Message);
                break;
            default:
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Names.Host.Service").LogError(error, "Request failed: {Path}", context.Request.Path.Value);
                await ServiceProblem.WriteAsync(context, 500, ProblemCodes.InternalError, "Internal error", "The request failed; the error is in the service log.");
                break;
        }
    }
}
