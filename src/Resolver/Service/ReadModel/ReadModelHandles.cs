using Names.Normalization;
using Names.Resolver.Resolution;

namespace Names.Resolver.Service.ReadModel;

/// <summary>The read model's variant handles as the matcher groups them (called under the model's read lock).</summary>
internal sealed class ReadModelHandles(RegistryReadModel model) : ICandidateEntities<EntityRow, int>
{
    public EntityRow? EntityOf(int member) => model.EntityOfVariant(member);
    public string IdOf(EntityRow entity) => entity.Id;
    public EntityKind KindOf(EntityRow entity) => RegistryState.ParseKind(entity.Kind);
    public bool TryCanonicalMember(EntityRow entity, out int member) => model.TryCanonicalMember(entity.Id, out member);
}
