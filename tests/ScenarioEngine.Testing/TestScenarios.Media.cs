namespace ScenarioEngine.Testing;

public static partial class TestScenarios
{
    /// <summary>
    /// Two teams, a reporter persona writing for a newspaper and a social network, two articles of
    /// seeded history (one by offset, one by date), and inject 1: a media report on the newspaper
    /// for every team, fired by hand.
    /// </summary>
    public const string Media =
        """
        id: media-drill
        title: { en: "Media drill", ru: "Учение со СМИ" }
        languages: [en, ru]
        defaultLanguage: en
        scenarioStart: "2026-11-23T09:00:00+03:00"
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        personas:
          - id: reporter
            name: { en: "Maria, reporter", ru: "Мария, корреспондент" }
            kind: press
            initials: MR
            colour: "#bf3989"
        mediaChannels:
          - id: gazette
            name: { en: "City Gazette", ru: "Городская газета" }
            kind: newspaper
            author: reporter
          - id: chat
            name: { en: "City chat", ru: "Городской чат" }
            kind: social
            author: reporter
        history:
          - id: old-raid
            channel: gazette
            at: "-2.00:00:00"
            subject: { en: "Sauna under scrutiny", ru: "Сауна под подозрением" }
            message: { en: "Neighbours complain.", ru: "Соседи жалуются." }
          - id: job-post
            channel: chat
            published: "2026-11-22T20:15:00+03:00"
            subject: { en: "Jobs, no papers needed", ru: "Работа без документов" }
        injects:
          - number: "1"
            trigger: { manual: true }
            method: mediaReport
            channel: gazette
            to: { everyone: true }
            subject: { en: "Police raid a sauna", ru: "Полиция в сауне" }
            message: { en: "Photos online.", ru: "Фото в сети." }
            notes: "SPOILER-CONTROLLER-NOTE"
        """;
}
