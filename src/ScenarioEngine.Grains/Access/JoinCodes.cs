using System.Security.Cryptography;

namespace ScenarioEngine.Grains.Access;

/// <summary>Short codes a person can read aloud and type on a phone: no 0/O, 1/I/L, or lower case.</summary>
public static class JoinCodes
{
    public const int Length = 8;
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string NewCode() =>
        string.Create(Length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>What a person typed, as the key it was issued under: case and separators ignored.</summary>
    public static string Normalize(string typed) =>
        new(typed.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>"K7QM2XPA" as "K7QM-2XPA", easier to read from a printed sheet.</summary>
    public static string Format(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;
}
