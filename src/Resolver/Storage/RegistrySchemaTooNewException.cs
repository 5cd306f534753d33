namespace Names.Resolver.Storage;

/// <summary>The registry file was written by a newer Names with a schema this build does not know.</summary>
public sealed class RegistrySchemaTooNewException(int found, int supported)
    : Exception($"The registry has schema version {found}, but this build of Names supports up to {supported}. Upgrade Names to open it (the file was not changed).")
{
    public int Found { get; } = found;
    public int Supported { get; } = supported;
}
