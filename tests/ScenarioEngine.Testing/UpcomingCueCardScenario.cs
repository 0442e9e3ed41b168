namespace ScenarioEngine.Testing;

/// <summary>
/// Issue 17's upcoming cue cards: one actor with cards of every kind the list must tell apart.
/// C1 (0:00:00) is released at STARTEX; C2 "The raid" (0:20:00) is the next; C3 (0:40:00) comes
/// after it; C4 is manual; C5 (0:30:00) goes to another actor; inject 6 (0:05:00) to a team.
/// Every body, gate, note and expected action holds the word SECRET, which must not reach the phone ahead.
/// </summary>
public static class UpcomingCueCardScenario
{
    public const string Yaml =
        """
        id: upcoming-cue-cards
        title: { en: "Upcoming cards drill", ru: "Учение: карточки впереди" }
        languages: [en, ru]
        defaultLanguage: en
        sites:
          - id: sauna
            name: { en: "Sauna", ru: "Сауна" }
        actors:
          - id: olga
            name: { en: "Olga", ru: "Ольга" }
            site: sauna
            cueCards:
              - number: "C1"
                at: "0:00:00"
                subject: { en: "Wait at the reception", ru: "Ждите у стойки" }
                message: { en: "You are nervous.", ru: "Вы нервничаете." }
              - number: "C2"
                at: "0:20:00"
                subject: { en: "The raid: hide in the back room", ru: "Рейд: спрячьтесь в подсобке" }
                message: { en: "SECRET-BODY hide the passport", ru: "SECRET-BODY спрячьте паспорт" }
                disclosures:
                  - id: passport
                    fact: { en: "SECRET-GATE the boss keeps your passport", ru: "SECRET-GATE паспорт у начальника" }
                    condition: { en: "SECRET-CONDITION only with an interpreter", ru: "SECRET-CONDITION только с переводчиком" }
              - number: "C3"
                at: "0:40:00"
                subject: { en: "Ask for a doctor", ru: "Попросите врача" }
                message: { en: "SECRET-BODY you feel ill", ru: "SECRET-BODY вам плохо" }
              - number: "C4"
                subject: { en: "SECRET-MANUAL-TITLE", ru: "SECRET-MANUAL-TITLE" }
                message: { en: "SECRET-BODY manual", ru: "SECRET-BODY вручную" }
          - id: boss
            name: { en: "Boss", ru: "Начальник" }
            site: sauna
            cueCards:
              - number: "C5"
                at: "0:30:00"
                subject: { en: "SECRET-OTHER-ACTOR-TITLE", ru: "SECRET-OTHER-ACTOR-TITLE" }
                message: { en: "SECRET-BODY leave", ru: "SECRET-BODY уходите" }
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
        injects:
          - number: "6"
            at: "0:05:00"
            to: { teams: [team-a] }
            subject: { en: "SECRET-TEAM-TITLE", ru: "SECRET-TEAM-TITLE" }
            message: { en: "SECRET-BODY tip-off", ru: "SECRET-BODY наводка" }
            expectedAction: { en: "SECRET-EXPECTED", ru: "SECRET-EXPECTED" }
            notes: "SECRET-NOTE"
        """;
}
