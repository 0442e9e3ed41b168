using System.Globalization;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

public sealed class HotwashScenarioTests
{
    private const string Hotwash =
        """
        hotwash:
          title: { en: "How did it go?", ru: "Как всё прошло?" }
          intro: { en: "Anonymous.", ru: "Анонимно." }
          anonymous: true
          questions:
            - id: overall
              kind: choice
              required: true
              label: { en: "Overall", ru: "В целом" }
              choices:
                - { id: good, label: { en: "Good", ru: "Хорошо" } }
                - { id: bad, label: { en: "Bad", ru: "Плохо" } }
            - id: improve
              label: { en: "What must change?", ru: "Что изменить?" }
        sites:
        """;

    private static string WithHotwash() => TestScenarios.TwoTeamsOneActor.Replace("sites:", Hotwash, StringComparison.Ordinal);

    [Fact]
    public void Hotwash_questions_and_the_anonymous_option_are_read_from_yaml()
    {
        var scenario = ScenarioLoader.Parse(WithHotwash(), "hotwash.yaml");

        var hotwash = scenario.Hotwash!;
        Assert.True(hotwash.Anonymous);
        Assert.Equal(["overall", "improve"], hotwash.Questions.Select(q => q.Id));
        Assert.Equal((ResponseFieldKind.Choice, ResponseFieldKind.Text), (hotwash.Questions[0].Kind, hotwash.Questions[1].Kind));
        Assert.Equal("Как всё прошло?", hotwash.Title["ru"]);
    }

    [Fact]
    public void A_hotwash_without_questions_a_photo_question_a_missing_translation_and_a_choice_without_choices_are_reported_in_russian()
    {
        var yaml = WithHotwash()
            .Replace("label: { en: \"What must change?\", ru: \"Что изменить?\" }", "kind: photo\n      label: { en: \"What must change?\" }", StringComparison.Ordinal)
            .Replace("      choices:\n        - { id: good, label: { en: \"Good\", ru: \"Хорошо\" } }\n        - { id: bad, label: { en: \"Bad\", ru: \"Плохо\" } }\n", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "hotwash.yaml", CultureInfo.GetCultureInfo("ru")));

        Assert.Equal(
            [Msg.ChoiceWithoutChoices, Msg.HotwashKindNotAllowed, Msg.MissingTranslation],
            error.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("Вопрос хотвоша", StringComparison.Ordinal));
    }

    [Fact]
    public void An_msel_inject_may_not_take_the_hotwash_number()
    {
        var yaml = WithHotwash().Replace("number: \"1\"", "number: \"HOTWASH\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "hotwash.yaml"));

        Assert.Contains(error.Problems, p => p.Code == Msg.HotwashNumberTaken);
    }

    [Fact]
    public void The_samples_hotwash_is_anonymous_bilingual_and_survives_export_and_import()
    {
        var sample = ScenarioLoader.LoadSample();

        // A scenario without attachments (their files are not next to a written string) carrying the sample's hotwash.
        var carrier = ScenarioLoader.Parse(WithHotwash(), "hotwash.yaml") with { Hotwash = sample.Hotwash };
        var again = ScenarioLoader.Parse(ScenarioWriter.ToYaml(carrier), "again.yaml");

        Assert.True(sample.Hotwash!.Anonymous);
        Assert.All(sample.Hotwash.Questions, q => Assert.True(q.Label.ContainsKey("ru") && q.Label.ContainsKey("en"), q.Id));
        Assert.Equal(sample.Hotwash.Questions.Select(q => (q.Id, q.Kind, q.Choices.Count)), again.Hotwash!.Questions.Select(q => (q.Id, q.Kind, q.Choices.Count)));
        Assert.Equal(sample.Hotwash.Title, again.Hotwash.Title);
    }
}
