using Names.Host.Csv;

namespace Names.Host.Resolving;

/// <summary>Positions of the columns a resolve run reads, validated against the header (missing column: usage error).</summary>
public sealed record ResolveColumns(int Name, int? Country, int? Kind, int? Id, int? Family, int? Given, IReadOnlyList<(string Name, int Index)> Context,
    IReadOnlyList<(string Scheme, int Index)> ExternalIds)
{
    public static ResolveColumns From(CsvHeader header, ResolveRequest r)
    {
        int? Optional(string? column, string option) => column is null ? null : header.Require(column, option);
        return new ResolveColumns(
            header.Require(r.Column, "--column"),
            Optional(r.CountryColumn, "--country-column"),
            Optional(r.KindColumn, "--kind-column"),
            Optional(r.IdColumn, "--id-column"),
            Optional(r.FamilyColumn, "--family-column"),
            Optional(r.GivenColumn, "--given-column"),
            r.ContextColumns.Select(c => (c, header.Require(c, "--context-columns"))).ToArray(),
            r.ExternalIdColumns.Select(x => (x.Scheme, header.Require(x.Column, "--id-columns"))).ToArray());
    }
}
