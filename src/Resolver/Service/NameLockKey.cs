using System.Security.Cryptography;
using System.Text;
using Names.Normalization;

namespace Names.Resolver.Service;

/// <summary>
/// The lock under which a name is decided: its compact key. Kind and country are left out on purpose, so the same
/// name arriving as person/unknown or with/without a country is decided one request after the other and sees the
/// earlier decision. <see cref="Hash64"/> is the 64-bit number PostgreSQL advisory locks take.
/// </summary>
public static class NameLockKey
{
    public static string For(Party party) => "name:" + party.CompactKey;

    public static long Hash64(string lockKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(lockKey), hash);
        return BitConverter.ToInt64(hash[..8]);
    }
}
