using System.Diagnostics;
using System.Globalization;

namespace Names.Host.Cli;

/// <summary>What a benchmark ran on, the process's peak memory (VmHWM on Linux, PeakWorkingSet64 elsewhere), another process's resident memory.</summary>
public static class MachineInfo
{
    public static long PeakMemoryBytes()
    {
        var fromProc = ReadProcKb("/proc/self/status", "VmHWM:");
        return fromProc is long kb ? kb * 1024 : Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>Resident memory (VmRSS) of a running process, null when /proc cannot tell.</summary>
    public static long? ResidentBytes(int pid) => ReadProcKb($"/proc/{pid}/status", "VmRSS:") * 1024;

    public static string Describe()
    {
        var memKb = ReadProcKb("/proc/meminfo", "MemTotal:");
        var mem = memKb is long kb ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GB RAM") : "RAM unknown";
        return $"{Environment.ProcessorCount} cores, {mem}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}";
    }

    private static long? ReadProcKb(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
