namespace Names.Resolver.Service.ReadModel;

/// <summary>An active entity as the read model knows it.</summary>
internal sealed record EntityRow(string Id, string Kind, string CanonicalName);

/// <summary>One stored variant handed out by the read model: its id and packed fields (see <see cref="StoredVariant"/>).</summary>
internal readonly record struct MemberRow(long VariantId, byte[] Packed)
{
    public string DisplayName => StoredVariant.DisplayNameOf(Packed);
}

/// <summary>The variant holding exactly a name, and the active entity it belongs to.</summary>
internal sealed record KnownName(MemberRow Variant, EntityRow Entity);
