using System.Security.Cryptography;
using System.Text;

namespace ScenarioEngine.Grains.Evidence;

/// <summary>
/// Label codes: HMAC-SHA256 of the exercise id and the item id under a secret made for that
/// exercise and kept in its evidence grain. Nothing is stored per label, a code cannot be
/// guessed (100 bits) or derived from the scenario, and another exercise's label — the same
/// scenario run again, the same item — resolves to nothing here. Pure.
/// </summary>
public static class EvidenceCodes
{
    public const int SecretBytes = 32;

    /// <summary>20 Crockford base32 characters: 100 bits, short enough for a QR code a phone reads from a metre away.</summary>
    public const int CodeLength = 20;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static string CodeFor(ReadOnlySpan<byte> secret, string exerciseId, string itemId)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{exerciseId}\n{itemId}"), mac);
        var code = new StringBuilder(CodeLength);
        for (var i = 0; i < CodeLength; i++)
        {
            // Five bits per character, read across byte boundaries.
            var bit = i * 5;
            var pair = (mac[bit / 8] << 8) | mac[(bit / 8) + 1];
            code.Append(Alphabet[(pair >> (11 - (bit % 8))) & 31]);
        }

        return code.ToString();
    }

    /// <summary>The item whose label carries <paramref name="code"/>, or null. Compares in constant time per item.</summary>
    public static string? ItemFor(ReadOnlySpan<byte> secret, string exerciseId, IEnumerable<string> itemIds, string? code)
    {
        var given = Normalize(code);
        if (given.Length != CodeLength)
        {
            return null;
        }

        var givenBytes = Encoding.ASCII.GetBytes(given);
        string? found = null;
        foreach (var itemId in itemIds)
        {
            if (CryptographicOperations.FixedTimeEquals(givenBytes, Encoding.ASCII.GetBytes(CodeFor(secret, exerciseId, itemId))))
            {
                found = itemId;
            }
        }

        return found;
    }

    /// <summary>Upper case, without spaces or dashes, and Crockford's look-alikes read as the digits they resemble (a code typed by hand from a torn label).</summary>
    public static string Normalize(string? code) =>
        new((code ?? string.Empty).ToUpperInvariant()
            .Where(c => c is not (' ' or '-'))
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray());
}
