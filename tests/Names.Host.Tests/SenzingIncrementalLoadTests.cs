using System.Text;
using Names.Host.Csv;

namespace Names.Host.Tests;

/// <summary>
/// Identifier stability under incremental loads (issue 3), on Senzing's truth set demo_v3: customers, then watchlist,
/// then reference are resolved into one registry. Every customer record that the truth keeps in its cluster across
/// the three loads must keep its global id.
/// </summary>
public class SenzingIncrementalLoadTests
{
    private static readonly string Dir = Path.Combine(RepoRoot(), "datasets", "senzing-truthset", "demo_v3");

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static List<Dictionary<string, string>> Read(string path) => CsvRows.Read(path);

    /// <summary>One name column (organisation name, else full name, else native-script name), structured person parts, and context columns.</summary>
    private static string Convert(string source, string target)
    {
        string Get(Dictionary<string, string> r, string c) => r.TryGetValue(c, out var v) ? v : "";
        var sb = new StringBuilder("record_id,name,family,given,kind,dob,address,phone,email\n");
        foreach (var r in Read(source))
        {
            var name = new[] { "PRIMARY_NAME_ORG", "PRIMARY_NAME_FULL", "NATIVE_NAME_FULL" }.Select(c => Get(r, c)).FirstOrDefault(v => v.Length > 0) ?? "";
            var kind = Get(r, "RECORD_TYPE") == "ORGANIZATION" ? "legal_entity" : "person";
            var given = string.Join(' ', new[] { Get(r, "PRIMARY_NAME_FIRST"), Get(r, "PRIMARY_NAME_MIDDLE") }.Where(s => s.Length > 0));
            var address = Get(r, "ADDR_FULL") is { Length: > 0 } full ? full : string.Join(' ', new[] { "ADDR_LINE1", "ADDR_CITY", "ADDR_STATE", "ADDR_POSTAL_CODE" }.Select(c => Get(r, c)).Where(s => s.Length > 0));
            sb.Append(CsvRowWriter.RowText([Get(r, "DATA_SOURCE") + ":" + Get(r, "RECORD_ID"), name, Get(r, "PRIMARY_NAME_LAST"), given, kind,
                Get(r, "DATE_OF_BIRTH"), address, Get(r, "PHONE_NUMBER"), Get(r, "EMAIL_ADDRESS")])).Append('\n');
        }
        File.WriteAllText(target, sb.ToString(), new UTF8Encoding(false));
        return target;
    }

    private static Dictionary<string, string> Truth(string keyFile) =>
        Read(Path.Combine(Dir, keyFile)).ToDictionary(r => r["DATA_SOURCE"] + ":" + r["RECORD_ID"], r => r["CLUSTER_ID"]);

    private static async Task<Dictionary<string, string>> ResolveAsync(TempDir dir, string input, string db, string output)
    {
        var r = await CliRun.RunAsync("resolve", input, "--family-column", "family", "--given-column", "given", "--kind-column", "kind",
            "--id-column", "record_id", "--context-columns", "dob,address,phone,email", "--db", db, "--seed", "1",
            "--out", dir.File(output), "--rejects", dir.File(output + ".rejects.csv"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        return Read(dir.File(output)).Where(x => x["party_seq"] == "1").ToDictionary(x => x["record_id"], x => x["global_id"]);
    }

    [Fact]
    public async Task Customers_keep_their_ids_while_watchlist_and_reference_are_loaded()
    {
        using var dir = new TempDir();
        var db = dir.File("senzing.db");
        var customers = Convert(Path.Combine(Dir, "customers.csv"), dir.File("customers.csv"));
        var load1 = await ResolveAsync(dir, customers, db, "load1.csv");
        Assert.Equal(120, load1.Count);
        await ResolveAsync(dir, Convert(Path.Combine(Dir, "watchlist.csv"), dir.File("watchlist.csv")), db, "load2.csv");
        await ResolveAsync(dir, Convert(Path.Combine(Dir, "reference.csv"), dir.File("reference.csv")), db, "load3.csv");
        var after = await ResolveAsync(dir, customers, db, "customers-again.csv");

        var truth1 = Truth("truthset-load1-key.csv");
        var truth3 = Truth("truthset-load3-key.csv");
        var kept = truth1.Keys.Where(r => truth1[r] == truth3[r]).ToList();
        Assert.True(kept.Count >= 118, $"the truth keeps {kept.Count} customer records in their cluster");
        var moved = kept.Where(r => load1[r] != after[r]).ToList();
        Assert.True(moved.Count == 0, $"records whose id changed: {string.Join(", ", moved)}");

        var verify = await CliRun.RunAsync("verify", "--db", db);
        Assert.Equal(0, verify.ExitCode);
    }
}
