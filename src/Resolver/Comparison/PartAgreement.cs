namespace Names.Resolver.Comparison;

/// <summary>How well two name parts (words) agree, weakest first; the order is the order of confidence in a match.</summary>
public enum PartAgreement
{
    /// <summary>Unrelated words (DANIEL / DONALD).</summary>
    Different = 0,
    /// <summary>Two edits apart or Jaro-Winkler >= 0.9 (MIHEL / MILEI, SECHEV / SECHIN).</summary>
    Similar = 1,
    /// <summary>One word starts the other (LIND / LINDEMANN, MICHI / MICHELLE).</summary>
    Prefix = 2,
    /// <summary>An initial and a word with that first letter (V / VLADIMIR).</summary>
    Initial = 3,
    /// <summary>A listed nickname or short form (BIBI / BENJAMIN, BILL / WILLIAM: <see cref="GivenNameVariants"/>).</summary>
    Nickname = 4,
    /// <summary>Same sound code (<see cref="PhoneticKey"/>: HUSAYN / HUSSEIN, QADDAFI / GADDAFI).</summary>
    Phonetic = 5,
    /// <summary>One edit apart, transposition included (DONLAD / DONALD, PULIN / PUTIN).</summary>
    Typo = 6,
    Equal = 7,
}
