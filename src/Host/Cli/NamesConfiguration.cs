using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Names.Host.Cli;

/// <summary>
/// The settings of one run (Microsoft.Extensions.Configuration), in rising precedence: appsettings.json (beside the
/// executable, or <c>--config FILE</c>), environment variables <c>NAMES__Section__Name</c>, flags given on the command line.
/// </summary>
public sealed class NamesConfiguration
{
    public const string ConfigFlag = "--config";
    public const string DefaultFileName = "appsettings.json";

    private readonly IConfigurationRoot _root;

    private NamesConfiguration(IConfigurationRoot root) => _root = root;

    /// <summary>The global <c>--config FILE</c> option (every command).</summary>
    public static Option<string?> CreateConfigOption() => new(ConfigFlag)
    {
        Description = $"settings file (JSON); default: {DefaultFileName} beside the names executable, when present",
        HelpName = "file",
        Recursive = true,
    };

    /// <summary>Reads the settings for a parsed command line. A malformed or missing settings file is a <see cref="CliIoException"/>.</summary>
    public static NamesConfiguration Load(ParseResult parse)
    {
        var configOption = parse.RootCommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == ConfigFlag);
        var file = configOption is null ? null : parse.GetValue(configOption);
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in parse.CommandResult.Command.Options.OfType<Option<string?>>())
        {
            if (NamesSettings.All.FirstOrDefault(s => s.Flag == option.Name) is not { } setting) continue;
            if (parse.GetResult(option) is { Implicit: false }) flags[setting.Key] = parse.GetValue(option);
        }
        return Load(file, Environment.GetEnvironmentVariables(), flags);
    }

    public static NamesConfiguration Load(string? file, System.Collections.IDictionary environment, IReadOnlyDictionary<string, string?> flags)
    {
        var path = file is null ? Path.Combine(AppContext.BaseDirectory, DefaultFileName) : Path.GetFullPath(file);
        if (file is not null && !File.Exists(path)) throw new CliIoException($"settings file '{file}' does not exist");
        var builder = new ConfigurationBuilder();
        if (File.Exists(path))
            builder.Add(new JsonConfigurationSource { Path = Path.GetFileName(path), Optional = false, ReloadOnChange = false,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!) });
        builder.Add(new MemoryConfigurationSource { InitialData = FromEnvironment(environment) });
        builder.Add(new MemoryConfigurationSource { InitialData = flags });
        try
        {
            return new NamesConfiguration(builder.Build());
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            // System.Text.Json counts lines from 0 and repeats the position at the end of its message.
            var json = FindJsonException(e);
            var line = json is { LineNumber: { } l } ? $", line {l + 1}" : "";
            var reason = json?.Message is { } m && m.IndexOf(" LineNumber:", StringComparison.Ordinal) is var cut and > 0 ? m[..cut] : json?.Message ?? e.Message;
            throw new CliIoException($"malformed settings file '{path}'{line}: {reason}", e);
        }
    }

    /// <summary>NAMES__Serve__Urls → Serve:Urls (the environment provider's convention, read from the given variables).</summary>
    private static Dictionary<string, string?> FromEnvironment(System.Collections.IDictionary environment)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(Setting.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            data[name[Setting.EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = entry.Value as string;
        }
        return data;
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is JsonException j) return j;
        return null;
    }

    public string? Get(Setting setting) => _root[setting.Key] is { Length: > 0 } value ? value : null;

    /// <summary>Where the value in force comes from: "--flag", "NAMES__..." or the settings file; null when not set.</summary>
    public string? SourceOf(Setting setting)
    {
        var providers = _root.Providers.ToList();
        for (int i = providers.Count - 1; i >= 0; i--)
        {
            if (!providers[i].TryGet(setting.Key, out var value) || string.IsNullOrEmpty(value)) continue;
            return providers[i] switch
            {
                JsonConfigurationProvider json => FileOf(json) ?? DefaultFileName,
                MemoryConfigurationProvider when i == providers.Count - 1 => setting.Flag,
                _ => setting.EnvironmentVariable,
            };
        }
        return null;
    }

    /// <summary>How strongly the value is given: 3 flag, 2 environment, 1 settings file, 0 not set.</summary>
    public int PrecedenceOf(Setting setting)
    {
        var providers = _root.Providers.ToList();
        for (int i = providers.Count - 1; i >= 0; i--)
            if (providers[i].TryGet(setting.Key, out var value) && !string.IsNullOrEmpty(value))
                return i == providers.Count - 1 ? 3 : i == providers.Count - 2 ? 2 : 1;
        return 0;
    }

    public bool IsFromFlag(Setting setting) => PrecedenceOf(setting) == 3;

    public string GetText(Setting setting) => Get(setting) ?? setting.Default ?? "";

    public int GetInt(Setting setting, int min, int max = int.MaxValue)
    {
        var text = GetText(setting);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new CliUsageException($"{SourceOf(setting) ?? setting.Key}: '{text}' is not a whole number from {min} to {max}");
        return value;
    }

    public T GetEnum<T>(Setting setting) where T : struct, Enum
    {
        var text = GetText(setting);
        if (!Enum.TryParse<T>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(text, out _))
            throw new CliUsageException($"{SourceOf(setting) ?? setting.Key}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return value;
    }

    /// <summary>Settings given in the file or the environment that names does not know: a typo would otherwise pass unnoticed.</summary>
    public IReadOnlyList<string> UnknownSettings()
    {
        var known = NamesSettings.All.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var provider in _root.Providers.SkipLast(1))
        {
            foreach (var key in LeafKeys(provider, null))
            {
                if (known.Contains(key)) continue;
                unknown.Add(provider is JsonConfigurationProvider json
                    ? $"unknown setting '{key}' in {FileOf(json)}"
                    : $"unknown setting {Setting.EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)} in the environment");
            }
        }
        return unknown;
    }

    private static IEnumerable<string> LeafKeys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? child : ConfigurationPath.Combine(parent, child);
            var children = LeafKeys(provider, path).ToList();
            if (children.Count == 0) yield return path;
            foreach (var c in children) yield return c;
        }
    }

    private static string? FileOf(JsonConfigurationProvider json) =>
        json.Source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider p && json.Source.Path is { } name ? Path.Combine(p.Root, name) : json.Source.Path;
}
