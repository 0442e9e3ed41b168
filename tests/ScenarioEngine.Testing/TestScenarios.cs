namespace ScenarioEngine.Testing;

/// <summary>Small scenarios whose timing and audiences the tests rely on.</summary>
public static class TestScenarios
{
    /// <summary>
    /// Inject 1 fires by itself 2 s after STARTEX to team-a; 2 is manual to team-b; 3 is a manual
    /// cue card for actor "witness"; 4 is manual to team-a and asks for a response.
    /// </summary>
    public const string TwoTeamsOneActor =
        """
        id: two-teams-one-actor
        title: { en: "Test drill", ru: "Тестовое учение" }
        languages: [en, ru]
        defaultLanguage: en
        sites:
          - id: site-1
            name: { en: "Warehouse", ru: "Склад" }
        actors:
          - id: witness
            name: { en: "Witness", ru: "Свидетель" }
            site: site-1
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        injects:
          - number: "1"
            at: "0:00:02"
            to: { teams: [team-a] }
            subject: { en: "Tip-off", ru: "Наводка" }
            message: { en: "A van was seen at the warehouse.", ru: "У склада видели фургон." }
            expectedAction: { en: "SPOILER-EXPECTED-ACTION", ru: "SPOILER-EXPECTED-ACTION" }
            notes: "SPOILER-CONTROLLER-NOTE"
          - number: "2"
            to: { teams: [team-b] }
            subject: { en: "Bank lead", ru: "Данные банка" }
            message: { en: "Twelve cards, one ATM.", ru: "Двенадцать карт, один банкомат." }
          - number: "3"
            method: inPerson
            to: { actors: [witness] }
            subject: { en: "Cue card", ru: "Карточка" }
            message: { en: "Say you saw nothing.", ru: "Скажите, что ничего не видели." }
          - number: "4"
            to: { teams: [team-a] }
            subject: { en: "Order", ru: "Приказ" }
            message: { en: "Report the plate number.", ru: "Сообщите номер машины." }
            responseRequested: true
        """;
}
