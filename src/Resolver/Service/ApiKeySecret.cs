using System.Security.Cryptography;
using System.Text;

namespace Names.Resolver.Service;

/// <summary>Generates API keys (256 random bits) and computes the hash under which they are stored.</summary>
public static class ApiKeySecret
{
    public const string KeyPrefix = "nk_";

    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What is shown in listings instead of the key.</summary>
    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, KeyPrefix.Length + 6)];
}
