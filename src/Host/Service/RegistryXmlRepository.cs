using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>
/// ASP.NET Core data protection's key repository over the registry (<see cref="IKeyRingStore"/>): the keys that
/// encrypt the review page's session and CSRF cookies are shared by every instance on the database, so a reviewer
/// signed in on one instance stays signed in, and a form served by one is accepted by another, behind one address.
/// The data-protection system calls this rarely (at start, when its cached ring expires, when it meets a key it does
/// not know, when it creates a key), on its own thread: the synchronous waits below are not on a request's path.
/// </summary>
public sealed class RegistryXmlRepository(IKeyRingStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.ListKeyRingElementsAsync().GetAwaiter().GetResult().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddKeyRingElementAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
