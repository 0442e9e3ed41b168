using ScenarioEngine.Grains.Evidence;

namespace ScenarioEngine.Grains.Tests.Evidence;

/// <summary>Label codes: bound to their exercise by a per-exercise secret, unguessable, and tolerant only of how people copy codes.</summary>
public sealed class EvidenceCodesTests
{
    private static readonly byte[] Secret = EvidenceCodes.NewSecret();
    private static readonly string[] Items = ["passports", "ledger", "barn-key"];

    [Fact]
    public void A_label_code_resolves_to_its_item_in_its_own_exercise()
    {
        var code = EvidenceCodes.CodeFor(Secret, "ex-1", "ledger");

        Assert.Equal(EvidenceCodes.CodeLength, code.Length);
        Assert.Equal("ledger", EvidenceCodes.ItemFor(Secret, "ex-1", Items, code));
    }

    [Fact]
    public void The_same_item_of_another_exercise_of_the_same_scenario_is_refused()
    {
        var otherSecret = EvidenceCodes.NewSecret();
        var otherExercisesLabel = EvidenceCodes.CodeFor(otherSecret, "ex-2", "ledger");

        Assert.Null(EvidenceCodes.ItemFor(Secret, "ex-1", Items, otherExercisesLabel));
        // Even with the other exercise's id the secret differs: nothing carries over between exercises.
        Assert.Null(EvidenceCodes.ItemFor(Secret, "ex-2", Items, otherExercisesLabel));
        Assert.NotEqual(EvidenceCodes.CodeFor(Secret, "ex-1", "ledger"), EvidenceCodes.CodeFor(Secret, "ex-2", "ledger"));
    }

    [Fact]
    public void A_code_with_one_character_changed_is_refused()
    {
        var code = EvidenceCodes.CodeFor(Secret, "ex-1", "ledger");
        for (var i = 0; i < code.Length; i++)
        {
            var tampered = code[..i] + (code[i] == 'A' ? 'B' : 'A') + code[(i + 1)..];

            Assert.Null(EvidenceCodes.ItemFor(Secret, "ex-1", Items, tampered));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ledger")]
    [InlineData("https://example.org/app/#/scan/ABC")]
    public void Nothing_that_is_not_a_code_resolves(string? code) =>
        Assert.Null(EvidenceCodes.ItemFor(Secret, "ex-1", Items, code));

    [Fact]
    public void A_code_typed_in_lower_case_with_dashes_and_look_alike_letters_still_resolves()
    {
        var code = EvidenceCodes.CodeFor(Secret, "ex-1", "passports");
        var typed = string.Join("-", code.Chunk(5).Select(c => new string(c))).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');

        Assert.Equal("passports", EvidenceCodes.ItemFor(Secret, "ex-1", Items, typed));
    }

    [Fact]
    public void Codes_of_different_items_and_secrets_differ_and_use_only_the_unambiguous_alphabet()
    {
        var codes = Enumerable.Range(0, 200).Select(i => EvidenceCodes.CodeFor(i % 2 == 0 ? Secret : EvidenceCodes.NewSecret(), "ex-1", $"item-{i}")).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{20}$", c));
    }
}
