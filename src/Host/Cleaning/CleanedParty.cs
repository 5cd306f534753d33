using Names.Normalization;

namespace Names.Host.Cleaning;

/// <summary>One party of a cleaned name, already formatted as the CSV text that follows the input columns.</summary>
public sealed record CleanedParty(string CsvSuffix, EntityKind Kind, string LegalForm, bool HasProblem);
