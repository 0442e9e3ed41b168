using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

/// <summary>Who an inject goes to, and exactly what each recipient's device is sent.</summary>
public static class InjectAudience
{
    public static IReadOnlyList<RecipientAddress> Recipients(ExerciseId exercise, ScenarioDefinition scenario, InjectDefinition inject) =>
        TeamIds(scenario, inject).Select(team => RecipientAddress.Team(exercise, team))
            .Concat(ActorIds(scenario, inject).Select(actor => RecipientAddress.Actor(exercise, actor)))
            .ToList();

    /// <summary>Named teams, teams with a named agency (role), or every team.</summary>
    public static IReadOnlyList<string> TeamIds(ScenarioDefinition scenario, InjectDefinition inject) =>
        inject.To.Everyone
            ? scenario.Teams.Select(t => t.Id).ToList()
            : inject.To.Teams
                .Concat(scenario.Teams.Where(t => inject.To.Roles.Any(role => t.Agencies.Contains(role) || t.AgencyMix.ContainsKey(role))).Select(t => t.Id))
                .Distinct()
                .ToList();

    /// <summary>Named actors, every actor at a named site, or every actor.</summary>
    public static IReadOnlyList<string> ActorIds(ScenarioDefinition scenario, InjectDefinition inject) =>
        inject.To.Everyone
            ? scenario.Actors.Select(a => a.Id).ToList()
            : inject.To.Actors
                .Concat(scenario.Actors.Where(a => a.Site is not null && inject.To.Sites.Contains(a.Site)).Select(a => a.Id))
                .Distinct()
                .ToList();

    /// <summary>Media reports and social posts are published to the teams' news feed, not their inbox.</summary>
    public static bool IsArticle(DeliveryMethod method) => method is DeliveryMethod.MediaReport or DeliveryMethod.Social;

    /// <summary>
    /// Copies only the fields a recipient may see. Controller notes, expected actions and
    /// objectives are left out here, once, rather than filtered out in every place that sends;
    /// disclosure gates go to actors only, response forms to teams only.
    /// </summary>
    public static DeliveredMessage MessageFor(RecipientAddress recipient, ScenarioDefinition scenario, InjectDefinition inject, DateTimeOffset firedAt)
    {
        var toTeam = recipient.Kind == RecipientKind.Team;
        var channel = IsArticle(inject.Method) ? scenario.FindChannel(inject.Channel) : null;

        // A channel's article is by-lined by its author unless the inject names another persona.
        var persona = scenario.FindPersona(inject.FromPersona ?? channel?.Author);
        return new DeliveredMessage
        {
            Sequence = 0,
            DeliveryId = $"{recipient.GrainKey}|{inject.Number}",
            InjectNumber = inject.Number,
            Kind = !toTeam ? MessageKind.CueCard : IsArticle(inject.Method) ? MessageKind.Article : MessageKind.Inject,
            From = inject.From.Count == 0 && persona is not null ? persona.Name : inject.From,
            Persona = PersonaRef.Of(persona),
            Channel = ChannelRef.Of(channel),
            ClassificationLine = ClassificationLines.Of(scenario),
            Method = inject.Method,
            Subject = inject.Subject,
            Message = inject.Message,
            FiredAt = firedAt,
            ResponseRequested = inject.ExpectsResponse && toTeam,
            ResponseForm = toTeam ? inject.ResponseForm : null,
            RespondWithin = toTeam ? inject.ResponseDeadline : null,
            Attachments = inject.Attachments
                .Select(id => scenario.Attachments.Find(a => a.Id == id))
                .OfType<AttachmentDefinition>()
                .Select(a => new AttachmentRef { Id = a.Id, FileName = a.FileName, ContentType = a.ContentType, Size = a.Size, Title = a.Title })
                .ToList(),
            Disclosures = toTeam ? [] : inject.Disclosures,
        };
    }

    /// <summary>
    /// The hotwash as a team's mailbox entry: its questions are the response form, so the phone
    /// answers it through the same outbox as any response, stored once per response id.
    /// </summary>
    public static DeliveredMessage HotwashFor(RecipientAddress team, HotwashDefinition hotwash, DateTimeOffset sentAt) => new()
    {
        Sequence = 0,
        DeliveryId = $"{team.GrainKey}|{HotwashDefinition.InjectNumber}",
        InjectNumber = HotwashDefinition.InjectNumber,
        Kind = MessageKind.Hotwash,
        From = [],
        Method = DeliveryMethod.Document,
        Subject = hotwash.Title,
        Message = hotwash.Intro,
        FiredAt = sentAt,
        ResponseRequested = true,
        ResponseForm = new ResponseForm { Fields = hotwash.Questions },
        Anonymous = hotwash.Anonymous,
    };
}
