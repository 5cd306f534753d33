using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Names.Host.Resolving;

/// <summary>
/// Identity of a resolve run for resuming: SHA-256 of the input file's bytes and of every option that changes decisions.
/// A re-run with the same fingerprint on a registry holding an unfinished run of it resumes that run.
/// </summary>
public static class RunFingerprint
{
    public static async Task<string> ComputeAsync(string inputPath, ResolveRequest request, int chunkSize, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            var buffer = new byte[1 << 20];
            int n;
            while ((n = await input.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, n);
        }
        var inv = CultureInfo.InvariantCulture;
        var settings = string.Join('\u001f', request.Column, request.CountryColumn, request.KindColumn, request.DefaultKind, request.IdColumn,
            request.FamilyColumn, request.GivenColumn, string.Join(',', request.ContextColumns), request.Seed.ToString(inv),
            request.UpperThreshold?.ToString("R", inv), request.LowerThreshold?.ToString("R", inv), chunkSize.ToString(inv), Path.GetFileName(inputPath),
            request.KeepUnits ? "keep-units" : "",
            string.Join(',', request.ExternalIdColumns.Select(x => x.Scheme + "=" + x.Column)));
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
