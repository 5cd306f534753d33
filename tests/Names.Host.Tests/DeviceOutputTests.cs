using Names.Host.Cli;

namespace Names.Host.Tests;

/// <summary>
/// Outputs are staged as FILE.partial and renamed into place, but never over a device: `--out /dev/null` must leave
/// /dev/null a device. The tests point a link in a temp directory at /dev/null, so a regression replaces the link,
/// never the machine's /dev/null.
/// </summary>
public class DeviceOutputTests
{
    [Fact]
    public void Devices_pipes_and_standard_output_are_written_in_place_files_are_staged()
    {
        using var dir = new TempDir();
        var link = NullLink(dir);
        Assert.False(StagedOutputFile.IsStaged("-"));
        Assert.False(StagedOutputFile.IsStaged("/dev/null"));
        Assert.False(StagedOutputFile.IsStaged("/dev/stdout"));
        Assert.False(StagedOutputFile.IsStaged(link));
        Assert.True(StagedOutputFile.IsStaged(dir.File("out.csv"))); // not there yet
        Assert.True(StagedOutputFile.IsStaged(dir.Write("old.csv", "x\n")));
    }

    [Fact]
    public async Task Resolve_and_its_rejects_and_report_into_a_device_leave_the_device_in_place()
    {
        using var dir = new TempDir();
        var link = NullLink(dir);
        var input = dir.Write("in.csv", "id,name\n1,Acme GmbH\n2,\"broken\n");
        var r = await CliRun.RunAsync("resolve", input, "--db", dir.File("r.db"), "--out", link, "--rejects", link, "--report", link);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget); // still a link to the device, not a file put in its place
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Fact]
    public async Task Clean_into_a_device_leaves_it_in_place()
    {
        using var dir = new TempDir();
        var link = NullLink(dir);
        var input = dir.Write("in.csv", "id,name\n1,Acme GmbH\n2,\"broken\n");
        var r = await CliRun.RunAsync("clean", input, "--out", link, "--rejects", link);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget);
    }

    private static string NullLink(TempDir dir)
    {
        var link = dir.File("null-link");
        File.CreateSymbolicLink(link, "/dev/null");
        return link;
    }
}
