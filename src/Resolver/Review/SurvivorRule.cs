using Names.Resolver.Storage;

namespace Names.Resolver.Review;

/// <summary>
/// Which id survives a merge: the older one (minted earlier in the registry's event log), so the id most likely
/// already handed out keeps working unchanged. Ids are random-looking, so their ordinal order says nothing about age;
/// it only breaks ties when the log knows neither.
/// </summary>
public static class SurvivorRule
{
    public static (string Survivor, string Absorbed) Choose(EntityFacts a, EntityFacts b)
    {
        var aFirst = a.MintSeq != b.MintSeq ? a.MintSeq < b.MintSeq : string.CompareOrdinal(a.Id, b.Id) <= 0;
        return aFirst ? (a.Id, b.Id) : (b.Id, a.Id);
    }
}
