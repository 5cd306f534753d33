using Names.Host.Cli;

namespace Names.Service.Tests;

/// <summary>Every setting is listed where an operator looks: `names serve --help` and the table in docs/deploy.md.</summary>
public sealed class SettingsDocumentationTests
{
    [Fact]
    public void The_deploy_guide_lists_every_setting_with_its_variable_flag_and_default()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        foreach (var setting in NamesSettings.All)
        {
            var row = rows.SingleOrDefault(r => r.StartsWith($"| `{setting.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/deploy.md has no row for {setting.Key}");
            var cells = row.Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            Assert.Equal((setting.EnvironmentVariable, setting.Flag, setting.Default ?? ""), (cells[2], cells[3], cells[4]));
        }
    }

    [Fact]
    public async Task Serve_help_shows_every_setting_with_its_environment_variable()
    {
        var (code, output, _) = await NamesProcess.RunAsync("serve", "--help");
        Assert.Equal(0, code);
        foreach (var setting in NamesSettings.All)
            Assert.Contains(setting.Flag + " <", output);
        foreach (var setting in NamesSettings.All)
            Assert.Contains($"[env {setting.EnvironmentVariable}]", output);
    }
}
