namespace ScenarioEngine.Reports.Aar;

/// <summary>A hotwash answer as a report row: the question's label and, for a choice, the choice's label, in the report's language.</summary>
public static class AarHotwashText
{
    public static (string Question, string Answer) Row(HotwashResults hotwash, HotwashAnswer answer, AarText text, string fallback)
    {
        var question = hotwash.Form.Questions.Find(q => q.Id == answer.QuestionId);
        var choice = question?.Choices.Find(c => c.Id == answer.Answer);
        return (question is null ? answer.QuestionId : text.Pick(question.Label, fallback), choice is null ? answer.Answer : text.Pick(choice.Label, fallback));
    }
}
