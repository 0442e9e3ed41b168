namespace ScenarioEngine.Testing;

/// <summary>Small scenarios whose timing and audiences the tests rely on.</summary>
public static partial class TestScenarios
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

    /// <summary>
    /// Branching: inject 1 (0:01:00, team-a) asks observe or raid. Observing triggers 2 for team-a,
    /// raiding triggers 3; 5 follows 5 scenario minutes after 2. If team-a does not answer within
    /// 10 scenario minutes, contingency 4 goes to team-b. 6 fires when the warehouse is raided.
    /// </summary>
    public const string Branching =
        """
        id: branching
        title: { en: "Branching drill", ru: "Учение с ветвлением" }
        languages: [en, ru]
        defaultLanguage: en
        sites:
          - id: warehouse
            name: { en: "Warehouse", ru: "Склад" }
            states: [quiet, raided]
        actors:
          - id: guard
            name: { en: "Guard", ru: "Охранник" }
            site: warehouse
            cueCards:
              - number: "C1"
                at: "0:00:00"
                subject: { en: "Cue card", ru: "Карточка" }
                message: { en: "You guard the door.", ru: "Вы охраняете дверь." }
                disclosures:
                  - id: keys
                    fact: { en: "The boss has the keys.", ru: "Ключи у начальника." }
                    condition: { en: "If asked twice.", ru: "Если спросят дважды." }
                    afterInject: "2"
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        injects:
          - number: "1"
            at: "0:01:00"
            to: { teams: [team-a] }
            subject: { en: "Tip-off", ru: "Наводка" }
            message: { en: "Observe or raid?", ru: "Наблюдать или входить?" }
            responseForm:
              fields:
                - id: decision
                  kind: choice
                  choices: [{ id: observe }, { id: raid }]
            responseDeadline: "0:10:00"
          - number: "2"
            trigger: { onResponse: { inject: "1", from: sameTeam, choice: observe } }
            to: { teams: [team-a] }
            subject: { en: "Observation", ru: "Наблюдение" }
            message: { en: "A van arrives.", ru: "Приезжает фургон." }
          - number: "3"
            trigger: { onResponse: { inject: "1", choice: raid } }
            to: { teams: [team-a] }
            subject: { en: "Prosecutor", ru: "Прокурор" }
            message: { en: "On what grounds?", ru: "На каком основании?" }
          - number: "4"
            trigger: { ifNoResponse: { inject: "1" } }
            to: { teams: [team-b] }
            subject: { en: "Contingency", ru: "Резерв" }
            message: { en: "Team A is silent; you take over.", ru: "Группа А молчит; вы берёте дело." }
          - number: "5"
            trigger: { after: { inject: "2", delay: "0:05:00" } }
            to: { teams: [team-a] }
            subject: { en: "Follow-up", ru: "Продолжение" }
            message: { en: "The van leaves.", ru: "Фургон уезжает." }
          - number: "6"
            trigger: { onSiteState: { site: warehouse, state: raided } }
            to: { teams: [team-a, team-b] }
            subject: { en: "Raid", ru: "Штурм" }
            message: { en: "The warehouse is raided.", ru: "На складе проводится проверка." }
        """;
}
