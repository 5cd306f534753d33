using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Names.Host.Service;
using Names.Resolver.Service;

namespace Names.Testing;

/// <summary>
/// The service in memory (WebApplicationFactory + TestServer) on a fresh registry: a temporary SQLite file, or a new
/// PostgreSQL schema. Holds one API key per role.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<ServiceRuntime>
{
    private readonly ServiceRuntime _runtime;
    private readonly ServiceSettings _settings;
    private readonly string? _directory;

    private ServiceFactory(ServiceRuntime runtime, ServiceSettings settings, string? directory, IReadOnlyDictionary<ApiRole, string> keys)
    {
        _runtime = runtime;
        _settings = settings;
        _directory = directory;
        Keys = keys;
    }

    public IReadOnlyDictionary<ApiRole, string> Keys { get; }
    public ServiceRuntime Runtime => _runtime;
    public ServiceSettings Settings => _settings;

    public static async Task<ServiceFactory> CreateSqliteAsync(Func<ServiceSettings, ServiceSettings>? adjust = null)
    {
        var directory = Directory.CreateTempSubdirectory("names-service-").FullName;
        var settings = new ServiceSettings { DbPath = Path.Combine(directory, "names.db"), LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning };
        return await CreateAsync(adjust is null ? settings : adjust(settings), directory);
    }

    public static async Task<ServiceFactory> CreatePostgresAsync(Func<ServiceSettings, ServiceSettings>? adjust = null)
    {
        var settings = new ServiceSettings { PgConnection = await TestPostgres.CreateSchemaAsync(), LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning };
        return await CreateAsync(adjust is null ? settings : adjust(settings), null);
    }

    /// <summary>
    /// Another instance of the service on the same registry (as a second `names serve` behind one address): its own
    /// runtime and host, the same keys. The first instance owns the registry's directory.
    /// </summary>
    public static async Task<ServiceFactory> SecondInstanceAsync(ServiceFactory first) =>
        new(await ServiceRuntime.OpenAsync(first.Settings), first.Settings, null, first.Keys);

    private static async Task<ServiceFactory> CreateAsync(ServiceSettings settings, string? directory)
    {
        var runtime = await ServiceRuntime.OpenAsync(settings);
        var keys = new Dictionary<ApiRole, string>();
        foreach (var role in Enum.GetValues<ApiRole>())
            keys[role] = (await runtime.Keys.AddKeyAsync("test-" + role.ToText(), role)).Key;
        return new ServiceFactory(runtime, settings, directory, keys);
    }

    /// <summary>The entry point of `names` is the CLI, not a web host: build the service the way `names serve` does, on a test server.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var app = ServiceApplication.Build(_runtime, _settings, b => b.WebHost.UseTestServer());
        app.Start();
        return app;
    }

    public HttpClient ClientFor(ApiRole? role)
    {
        var client = CreateClient();
        if (role is { } r) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[r]);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _runtime.DisposeAsync();
        if (_directory is not null)
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
