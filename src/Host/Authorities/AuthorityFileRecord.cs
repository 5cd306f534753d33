using Names.Host.Csv;
using Names.Resolver.ExternalIds;

namespace Names.Host.Authorities;

/// <summary>What an authority file reader gives for one record: the record, or why it was refused (a row of the rejects file).</summary>
public readonly record struct AuthorityFileRecord(AuthorityRecord? Record, CsvReject? Reject);

/// <summary>Reads one authority's file format; a file not in that format throws <see cref="InvalidDataException"/> before the first record.</summary>
public interface IAuthorityFile
{
    /// <summary>The authority's scheme (<c>lei</c>, <c>ror</c>).</summary>
    string Scheme { get; }
    /// <summary>Records read so far and bytes read, for the progress bar.</summary>
    long RecordsRead { get; }
    long BytesRead { get; }
    IAsyncEnumerable<AuthorityFileRecord> ReadAsync(CancellationToken ct);
}
