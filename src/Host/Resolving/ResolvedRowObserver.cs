using Names.Resolver.Resolution;

namespace Names.Host.Resolving;

/// <summary>Sees every party a run writes (used by `names eval` to compare ids with a truth column).</summary>
public interface IResolvedRowObserver
{
    void Observe(ResolvedParty party, string[] fields);
}
