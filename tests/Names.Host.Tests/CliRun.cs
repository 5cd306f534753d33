using System.Text;
using Names.Host.Cli;

namespace Names.Host.Tests;

/// <summary>Runs the `names` CLI in-process with captured standard streams.</summary>
internal static class CliRun
{
    public static async Task<CliRunResult> RunAsync(byte[]? stdin, params string[] args)
    {
        var stdout = new NonClosingMemoryStream();
        var text = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            OpenStdin = () => new MemoryStream(stdin ?? Array.Empty<byte>()),
            OpenStdout = () => stdout,
            Out = text,
            Error = error,
            ErrorIsTerminal = false,
        };
        var code = await NamesCli.RunAsync(args, console);
        return new CliRunResult(code, Encoding.UTF8.GetString(stdout.ToArray()) + text, error.ToString());
    }

    public static Task<CliRunResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>The output writer disposes stdout; keep the bytes readable afterwards.</summary>
    private sealed class NonClosingMemoryStream : MemoryStream
    {
        protected override void Dispose(bool disposing) { }
    }
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("names-host-tests-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string Write(string name, string content) { System.IO.File.WriteAllText(File(name), content, new UTF8Encoding(false)); return File(name); }
    public string WriteBytes(string name, byte[] content) { System.IO.File.WriteAllBytes(File(name), content); return File(name); }
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}

/// <summary>A CSV file's rows as header-keyed dictionaries (a repeated name: NAME#position), read with the project's own CSV reader (malformed lines skipped).</summary>
internal static class CsvRows
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        using var reader = new Names.Host.Csv.CsvRecordReader(Names.Host.Csv.CsvCharSource.Open(File.OpenRead(path)));
        var header = reader.ReadHeader()!;
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadNext(header.Length, out var record, out _) is var kind && kind != Names.Host.Csv.CsvReadKind.End)
            if (kind == Names.Host.Csv.CsvReadKind.Record)
            {
                // An input column named like an output column (address) appears twice: the first keeps the name.
                var row = new Dictionary<string, string>();
                for (int i = 0; i < header.Length; i++)
                    if (!row.TryAdd(header[i], record.Fields[i])) row[$"{header[i]}#{i}"] = record.Fields[i];
                rows.Add(row);
            }
        return rows;
    }
}
