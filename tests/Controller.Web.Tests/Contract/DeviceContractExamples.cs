using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Media;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Tests.Contract;

/// <summary>
/// One canonical example of every message of the device protocol, as the server's own records.
/// Each becomes <c>contract/device/{Name}.json</c>. Together they give every property a value
/// (not null, not empty) and use every enum value, which <see cref="DeviceContractTests"/> checks,
/// so the phone app's guards see every field the server can send.
/// </summary>
public static class DeviceContractExamples
{
    private static readonly DateTimeOffset FiredAt = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(3));

    private static StoredResponse TeamResponse { get; } = new()
    {
        ResponseId = "0b9f6a3e-2c1d-4e5f-8a7b-9c0d1e2f3a4b",
        Sequence = 1,
        InjectNumber = "4",
        DeviceId = "5f0c2d7e9a8b4c6d",
        DeviceName = "Anna · Police",
        Text = "Van seen at the north gate",
        StoredAt = FiredAt.AddMinutes(4),
        Fields = new() { ["action"] = "inspect", ["wages"] = "1200" },
        AttachmentIds = ["3c2b1a09-8f7e-4d6c-b5a4-938271605f4e"],
        Choice = "inspect",
    };

    public static IReadOnlyList<DeviceContractExample> All { get; } =
    [
        // REST: POST /api/devices/join
        new("join.request", Transport.Rest, new JoinRequest("K7QM2XPA", "Anna", "Police")),
        new("join.response.participant", Transport.Rest, JoinAnswer("participant", "team-a", Text("Team A", "Группа А"), teams: []) with { Personas = [Bank], LocationSharing = true }),
        new("join.response.actor", Transport.Rest, JoinAnswer("actor", "actor-victim", Text("Victim (Olga)", "Потерпевшая (Ольга)"),
            teams: [new TeamSummary("team-a", Text("Team A", "Группа А")), new TeamSummary("team-b", Text("Team B", "Группа Б"))])),
        new("join.response.evaluator", Transport.Rest, JoinAnswer("evaluator", "eval-1", Text("Evaluator 1 (victim protection)", "Оценщик 1 (защита пострадавших)"), teams: [])),

        // REST: POST /api/devices/connect-ticket, before every socket connect
        new("connectTicket.response", Transport.Rest, new ConnectTicketResponse("ct_q3Xf0vJm9LwKc2RtYb7NsA", FiredAt.AddSeconds(60))),

        // Hub, server → device
        new("Deliver.inject", Transport.Hub, Inject),
        new("Deliver.cueCard", Transport.Hub, CueCard),
        new("Deliver.reply", Transport.Hub, Reply),
        new("Deliver.request", Transport.Hub, RequestEntry),
        new("Deliver.article", Transport.Hub, Article),
        new("Deliver.statement", Transport.Hub, new DeliveredMessage
        {
            Sequence = 12,
            DeliveryId = "sample|team|team-b|statement|1",
            InjectNumber = "S1",
            Kind = MessageKind.Article,
            From = Text("Team A", "Группа А"),
            Method = DeliveryMethod.MediaReport,
            Subject = Text("The women found at the sauna are victims and are being cared for.", "The women found at the sauna are victims and are being cared for."),
            Message = Text("The women found at the sauna are victims and are being cared for. We ask the press not to publish their photos.", "The women found at the sauna are victims and are being cared for. We ask the press not to publish their photos."),
            FiredAt = FiredAt.AddMinutes(35),
            ResponseRequested = false,
            StatementId = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
        }),
        new("Deliver.statementRejected", Transport.Hub, new DeliveredMessage
        {
            Sequence = 13,
            DeliveryId = "sample|team|team-a|statement-rejected|2",
            InjectNumber = "S2",
            Kind = MessageKind.StatementRejected,
            From = Text("Team A", "Группа А"),
            Method = DeliveryMethod.Document,
            Subject = Text("Olga, 19, was rescued from the sauna.", "Olga, 19, was rescued from the sauna."),
            Message = Text("Names a victim: agree a line with the prosecutor first.", "Names a victim: agree a line with the prosecutor first."),
            FiredAt = FiredAt.AddMinutes(40),
            ResponseRequested = false,
            StatementId = "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b",
            ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
        }),
        new("Deliver.tvReport", Transport.Hub, Article with
        {
            Sequence = 10,
            DeliveryId = "sample|team|team-a|13",
            InjectNumber = "13",
            Method = DeliveryMethod.MediaReport,
            Channel = new ChannelRef { Id = "channel-5", Name = Text("Channel 5 News", "«Пятый канал»"), Kind = MediaChannelKind.Tv },
            Subject = Text("Evening news: raid at the cannery", "Вечерние новости: проверка на консервном заводе"),
        }),
        new("Deliver.history", Transport.Hub, Article with
        {
            Sequence = 1,
            DeliveryId = "sample|team|team-a|history|sauna-complaints",
            InjectNumber = "H-sauna-complaints",
            Method = DeliveryMethod.MediaReport,
            Channel = new ChannelRef { Id = "harbour-gazette", Name = Text("Harbour Gazette", "«Портовая газета»"), Kind = MediaChannelKind.Newspaper },
            Subject = Text("Neighbours complain about a sauna open all night", "Соседи жалуются на сауну, работающую всю ночь"),
            FiredAt = FiredAt.AddHours(-1),
            PublishedAt = FiredAt.AddDays(-3),
        }),
        new("Deliver.hotwash", Transport.Hub, new DeliveredMessage
        {
            Sequence = 11,
            DeliveryId = "sample|team|team-a|HOTWASH",
            InjectNumber = "HOTWASH",
            Kind = MessageKind.Hotwash,
            From = Text("Exercise control", "Руководство учений"),
            Method = DeliveryMethod.Document,
            Subject = Text("Hotwash: how did it go?", "Разбор по горячим следам: как всё прошло?"),
            Message = Text("Two minutes, anonymous.", "Две минуты, анонимно."),
            FiredAt = FiredAt.AddHours(9),
            ResponseRequested = true,
            ResponseForm = new ResponseForm
            {
                Fields =
                [
                    new() { Id = "overall", Kind = ResponseFieldKind.Choice, Label = Text("How well did you work together?", "Насколько хорошо вы работали вместе?"), Required = true,
                        Choices = [new() { Id = "5", Label = Text("Very well", "Очень хорошо") }, new() { Id = "1", Label = Text("Very badly", "Очень плохо") }] },
                    new() { Id = "improve", Kind = ResponseFieldKind.Text, Label = Text("What must change?", "Что нужно изменить?") },
                ],
            },
            Anonymous = true,
        }),
        new("Deliver.evidence", Transport.Hub, new DeliveredMessage
        {
            Sequence = 12,
            DeliveryId = "sample|team|team-a|EV-passports",
            InjectNumber = "EV-passports",
            Kind = MessageKind.Evidence,
            From = Text("Sauna 'Lagoon'", "Сауна «Лагуна»"),
            Method = DeliveryMethod.InPerson,
            Subject = Text("Passports in the office safe", "Паспорта в сейфе администратора"),
            Message = Text("Six passports, two of minors.", "Шесть паспортов, два — несовершеннолетних."),
            FiredAt = FiredAt.AddHours(3),
            ResponseRequested = false,
        }),
        new("ScanEvidence.receipt.found", Transport.Hub, Scanned(EvidenceScanOutcome.Found) with
        {
            Item = Text("Passports in the office safe", "Паспорта в сейфе администратора"),
            Sequence = 12,
        }),
        new("ScanEvidence.receipt.alreadyFound", Transport.Hub, Scanned(EvidenceScanOutcome.AlreadyFound) with
        {
            Item = Text("Passports in the office safe", "Паспорта в сейфе администратора"),
            Sequence = 12,
            Duplicate = true,
        }),
        new("ScanEvidence.receipt.notYet", Transport.Hub, Scanned(EvidenceScanOutcome.NotYet)),
        new("ScanEvidence.receipt.notThisExercise", Transport.Hub, Scanned(EvidenceScanOutcome.NotThisExercise)),
        new("Sync.result", Transport.Hub, new SyncResult
        {
            Messages = [Short(3, DeliveryMethod.Document, PersonaKind.Prosecutor), Short(4, DeliveryMethod.PhoneCall, PersonaKind.Police),
                Short(5, DeliveryMethod.Sms, PersonaKind.Hotline), Short(6, DeliveryMethod.Radio, PersonaKind.Official),
                Short(7, DeliveryMethod.MediaReport, PersonaKind.Press), Short(8, DeliveryMethod.Email, PersonaKind.Ngo),
                Short(9, DeliveryMethod.InPerson, PersonaKind.FamilyMember)],
            LastSequence = 9,
            HasMore = true,
        }),
        new("Respond.receipt", Transport.Hub, new ResponseReceipt
        {
            ResponseId = "0b9f6a3e-2c1d-4e5f-8a7b-9c0d1e2f3a4b",
            Sequence = 1,
            StoredAt = FiredAt.AddMinutes(4),
            Duplicate = false,
        }),
        new("Request.receipt", Transport.Hub, new RequestReceipt
        {
            RequestId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
            ThreadId = Threads.Id("team-a", "bank"),
            StoredAt = FiredAt.AddMinutes(6),
            Duplicate = false,
        }),
        new("PublishStatement.receipt", Transport.Hub, new StatementReceipt
        {
            StatementId = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            StoredAt = FiredAt.AddMinutes(30),
            Duplicate = false,
        }),
        new("MarkDisclosed.result", Transport.Hub, new DisclosureRecord
        {
            ActorId = "actor-victim",
            InjectNumber = "7",
            GateId = "passport",
            TeamId = "team-a",
            Note = "Asked with the interpreter present",
            At = FiredAt.AddMinutes(20),
            ScenarioTime = new TimeSpan(0, 2, 20, 0),
            GateOpen = true,
            DeviceName = "Olga · Actors",
            DisclosureId = "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098",
        }),
        new("GetResponses.result", Transport.Hub, new List<StoredResponse> { TeamResponse }),
        new("GetResponsePage.result", Transport.Hub, new ResponsePage { Responses = [TeamResponse], Next = 500, HasMore = true }),
        new("Signal", Transport.Hub, new SafetySignal
        {
            SignalId = "sig-1",
            Kind = SignalKind.Stop,
            Message = Text("Stop all play: an injured actor at site 2", "Остановить игру: пострадал актёр на площадке 2"),
            IssuedAt = FiredAt.AddHours(1),
            Acknowledged = false,
        }),
        new("GetSignals.result", Transport.Hub, new List<SafetySignal>
        {
            new()
            {
                SignalId = "sig-2",
                Kind = SignalKind.RealEmergency,
                Message = Text("Real fire in building C. Leave by the east exit.", "Настоящий пожар в корпусе C. Выходите через восточный выход."),
                IssuedAt = FiredAt.AddHours(2),
                Acknowledged = true,
            },
            new()
            {
                SignalId = "sig-3",
                Kind = SignalKind.Endex,
                Message = Text("ENDEX. Return to the briefing room.", "Конец учений. Вернитесь в зал брифинга."),
                IssuedAt = FiredAt.AddHours(8),
                Acknowledged = false,
            },
        }),

        new("Reconcile.result", Transport.Hub, new ReconcileResult
        {
            Signals =
            [
                new()
                {
                    SignalId = "sig-1",
                    Kind = SignalKind.Stop,
                    Message = Text("Stop all play: an injured actor at site 2", "Остановить игру: пострадал актёр на площадке 2"),
                    IssuedAt = FiredAt.AddHours(1),
                    Acknowledged = false,
                },
            ],
            Mailbox = new SyncResult { Messages = [Short(10, DeliveryMethod.Radio, PersonaKind.Other)], LastSequence = 10, HasMore = false },
        }),

        new("GetEvaluatorBrief.result", Transport.Hub, new EvaluatorBrief
        {
            EvaluatorId = "eval-1",
            Name = Text("Evaluator 1 (victim protection)", "Оценщик 1 (защита пострадавших)"),
            Teams = [new() { Id = "team-a", Name = Text("Team A", "Группа А") }, new() { Id = "team-c", Name = Text("Team C", "Группа В") }],
            Sites = [new() { Id = "sauna", Name = Text("Sauna", "Сауна") }],
            Tasks =
            [
                new()
                {
                    Id = "identify-screen",
                    ObjectiveId = "identify",
                    Objective = Text("Identify victims", "Выявить пострадавших"),
                    Capability = Text("Victim identification", "Выявление пострадавших"),
                    Title = Text("Screen every person found for trafficking indicators", "Проверить каждого найденного на признаки торговли людьми"),
                    Targets = [Text("Everyone screened within 60 minutes", "Все проверены в течение 60 минут")],
                },
            ],
            InPlay = [new() { InjectNumber = "4", Subject = Text("Observation: grey minivan", "Наблюдение: серый минивэн"), FiredAt = FiredAt, Teams = ["team-a"], SiteId = "sauna" }],
            ScenarioTime = new TimeSpan(0, 1, 10, 0),
            Speed = 2,
            Running = true,
            AsOf = FiredAt.AddMinutes(35),
            Recorded =
            [
                Recorded("obs-1", "team-a", Rating.P), Recorded("obs-2", "team-c", Rating.S),
                Recorded("obs-3", "team-a", Rating.M), Recorded("obs-4", "team-c", Rating.U),
            ],
        }),
        new("GetUpcomingCueCards.result", Transport.Hub, new UpcomingCueCards
        {
            Cards =
            [
                new() { InjectNumber = "12", Title = Text("The raid: hide in the back room", "Рейд: спрячьтесь в подсобке"), DueAt = new TimeSpan(0, 1, 30, 0) },
            ],
            ScenarioTime = new TimeSpan(0, 1, 10, 0),
            Speed = 2,
            Running = true,
            AsOf = FiredAt.AddMinutes(35),
        }),
        new("Observe.receipt", Transport.Hub, new ObservationReceipt
        {
            ObservationId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            Sequence = 12,
            ScenarioTime = new TimeSpan(0, 1, 12, 30),
            StoredAt = FiredAt.AddMinutes(50),
            Duplicate = false,
        }),

        // Hub, device → server
        new("Observe.request", Transport.Hub, new ObservationSubmission
        {
            ObservationId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            ObservedAt = FiredAt.AddMinutes(36),
            TeamId = "team-a",
            SiteId = "sauna",
            CriticalTaskId = "identify-screen",
            Rating = Rating.S,
            Note = "Screened the women one by one, without an interpreter at first",
            InjectNumber = "4",
            AttachmentIds = ["3c2b1a09-8f7e-4d6c-b5a4-938271605f4e"],
            Location = new GeoPoint { Latitude = 55.7512, Longitude = 37.6184, AccuracyMeters = 12 },
            Corrects = "obs-1",
        }),
        new("Respond.request", Transport.Hub, new ResponseSubmission
        {
            ResponseId = "0b9f6a3e-2c1d-4e5f-8a7b-9c0d1e2f3a4b",
            Sequence = 1,
            Text = "Van seen at the north gate",
            Fields = new() { ["action"] = "inspect", ["wages"] = "1200" },
            AttachmentIds = ["3c2b1a09-8f7e-4d6c-b5a4-938271605f4e"],
            Choice = "inspect",
            Location = new GeoPoint { Latitude = 55.7512, Longitude = 37.6184, AccuracyMeters = 12 },
        }),
        new("ScanEvidence.request", Transport.Hub, new EvidenceScan
        {
            ScanId = "2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7",
            Code = "7KQ2M9XW4RTB8HNC3VPD",
            Location = new GeoPoint { Latitude = 55.7509, Longitude = 37.6179, AccuracyMeters = 30 },
        }),
        new("Request.request", Transport.Hub, new PersonaRequest
        {
            RequestId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
            PersonaId = "bank",
            Text = "Please send the statements of account 4081 7810 for March.",
            AttachmentIds = ["3c2b1a09-8f7e-4d6c-b5a4-938271605f4e"],
        }),
        new("PublishStatement.request", Transport.Hub, new StatementSubmission
        {
            StatementId = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            Text = "The women found at the sauna are victims and are being cared for. We ask the press not to publish their photos.",
        }),
        new("MarkDisclosed.request", Transport.Hub, new DisclosureReport
        {
            Sequence = 2,
            GateId = "passport",
            TeamId = "team-a",
            Note = "Asked with the interpreter present",
            DisclosureId = "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098",
        }),
        new("Hello.request", Transport.Hub, new DeviceHello { AppVersion = "0.1.0", BatteryLevel = 0.42, BatteryLow = false, Language = "ru" }),
        new("CallController.request", Transport.Hub, new ControllerCall { CallId = "7d6c5b4a-3f2e-4d1c-9b8a-776655443322", Sequence = 2, Note = "The team has not arrived" }),
    ];

    /// <summary>A team's inject with a response form of every field kind, a deadline and an attachment.</summary>
    private static DeliveredMessage Inject => new()
    {
        Sequence = 1,
        DeliveryId = "sample|team|team-a|4",
        InjectNumber = "4",
        Kind = MessageKind.Inject,
        From = Text("Labour inspectorate hotline", "Горячая линия трудовой инспекции"),
        Method = DeliveryMethod.Email,
        Subject = Text("Tip-off: workers locked in at the construction site", "Сигнал: рабочих запирают на стройке"),
        Message = Text("A caller says twelve workers sleep on site and their passports were taken.", "Звонящий сообщает: двенадцать рабочих ночуют на стройке, их паспорта забрали."),
        FiredAt = FiredAt,
        ResponseRequested = true,
        ResponseForm = new ResponseForm
        {
            Fields =
            [
                new() { Id = "action", Kind = ResponseFieldKind.Choice, Label = Text("Your decision", "Ваше решение"), Required = true,
                    Choices = [new() { Id = "inspect", Label = Text("Inspect today", "Проверить сегодня") }, new() { Id = "wait", Label = Text("Gather more", "Собрать сведения") }] },
                new() { Id = "reason", Kind = ResponseFieldKind.Text, Label = Text("Why", "Почему") },
                new() { Id = "wages", Kind = ResponseFieldKind.Amount, Label = Text("Unpaid wages", "Невыплаченная зарплата") },
                new() { Id = "account", Kind = ResponseFieldKind.Account, Label = Text("Employer's account", "Счёт работодателя") },
                new() { Id = "foreman", Kind = ResponseFieldKind.Name, Label = Text("Foreman's name", "Имя бригадира") },
                new() { Id = "where", Kind = ResponseFieldKind.Location, Label = Text("Where", "Где") },
                new() { Id = "photo", Kind = ResponseFieldKind.Photo, Label = Text("Photo of the gate", "Фото ворот") },
            ],
        },
        RespondWithin = TimeSpan.FromMinutes(30),
        Attachments = [new() { Id = "site-plan", FileName = "site-plan.png", ContentType = "image/png", Size = 48213, Title = Text("Site plan", "План площадки") }],
        Disclosures = [],
        Persona = Bank,
        ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
    };

    private static PersonaRef Bank => new()
    {
        Id = "bank",
        Name = Text("Northern Trust Bank, compliance desk", "Северный трастовый банк, отдел комплаенса"),
        Organisation = Text("Northern Trust Bank", "Северный трастовый банк"),
        Kind = PersonaKind.Bank,
        Initials = "NT",
        Colour = "#1f6feb",
    };

    /// <summary>The bank's answer in team A's thread with it.</summary>
    private static DeliveredMessage Reply => new()
    {
        Sequence = 8,
        DeliveryId = "sample|team|team-a|reply|4e3d2c1b-0a9f-4e8d-b7c6-a5b4c3d2e1f0",
        InjectNumber = "R1",
        Kind = MessageKind.Reply,
        From = Text("Northern Trust Bank, compliance desk", "Северный трастовый банк, отдел комплаенса"),
        Method = DeliveryMethod.Email,
        Subject = Text("Re: statements for March", "Re: выписки за март"),
        Message = Text("Attached are the statements you asked for.", "Направляем запрошенные выписки."),
        FiredAt = FiredAt.AddMinutes(16),
        ResponseRequested = false,
        Persona = Bank,
        ThreadId = Threads.Id("team-a", "bank"),
        ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
    };

    /// <summary>Team A's request to the bank, as every phone of the team receives it.</summary>
    private static DeliveredMessage RequestEntry => new()
    {
        Sequence = 7,
        DeliveryId = "sample|team|team-a|request|9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        InjectNumber = "Q1",
        Kind = MessageKind.Request,
        From = Text("Anna · Police", "Anna · Police"),
        Method = DeliveryMethod.Email,
        Subject = Bank.Name,
        Message = Text("Please send the statements of account 4471 for March.", "Please send the statements of account 4471 for March."),
        FiredAt = FiredAt.AddMinutes(6),
        ResponseRequested = false,
        Persona = Bank,
        ThreadId = Threads.Id("team-a", "bank"),
        RequestId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
    };

    /// <summary>A post on the simulated social network's channel, by the channel's author, as the news feed of every team it was published to shows it.</summary>
    private static DeliveredMessage Article => new()
    {
        Sequence = 9,
        DeliveryId = "sample|team|team-a|12",
        InjectNumber = "12",
        Kind = MessageKind.Article,
        From = Text("Harbour Gazette", "«Портовая газета»"),
        Method = DeliveryMethod.Social,
        Subject = Text("Police seen at the old cannery", "У старого консервного завода видели полицию"),
        Message = Text("Residents report unmarked vans at the cannery since dawn.", "Жители сообщают о машинах без опознавательных знаков у завода с рассвета."),
        FiredAt = FiredAt.AddMinutes(20),
        ResponseRequested = false,
        Persona = new()
        {
            Id = "gazette",
            Name = Text("Harbour Gazette", "«Портовая газета»"),
            Organisation = Text("Harbour Gazette", "«Портовая газета»"),
            Kind = PersonaKind.Press,
            Initials = "HG",
            Colour = "#9a6700",
        },
        ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
        Channel = new ChannelRef { Id = "harbour-chat", Name = Text("Harbour chat", "Портовый чат"), Kind = MediaChannelKind.Social },
    };

    /// <summary>An actor's cue card with two disclosure gates, one opened by an inject.</summary>
    private static DeliveredMessage CueCard => new()
    {
        Sequence = 2,
        DeliveryId = "sample|actor|actor-victim|7",
        InjectNumber = "7",
        Kind = MessageKind.CueCard,
        From = Text("Exercise control", "Руководство учений"),
        Method = DeliveryMethod.InPerson,
        Subject = Text("You are Olga, 19, recruited as a cleaner", "Вы Ольга, 19 лет, вас наняли уборщицей"),
        Message = Text("Stay near the kitchen. Be afraid of the man in the red jacket.", "Держитесь у кухни. Бойтесь мужчину в красной куртке."),
        FiredAt = FiredAt.AddMinutes(10),
        ResponseRequested = false,
        Disclosures =
        [
            new() { Id = "passport", Fact = Text("Your passport was taken on arrival.", "Паспорт забрали по приезде."),
                Condition = Text("Only if asked about documents with an interpreter present", "Только если спросят о документах при переводчике"), AfterInject = "5" },
            new() { Id = "debt", Fact = Text("You owe 'travel costs' of 2,000 euro.", "Вы «должны» 2000 евро за дорогу."), Condition = Text("When asked about pay", "Когда спросят о зарплате") },
        ],
    };

    /// <summary>A plain team inject from a persona of the given kind, so every kind is on the wire somewhere.</summary>
    private static DeliveredMessage Short(long sequence, DeliveryMethod method, PersonaKind kind) => new()
    {
        Sequence = sequence,
        DeliveryId = $"sample|team|team-a|{sequence + 10}",
        InjectNumber = $"{sequence + 10}",
        Kind = MessageKind.Inject,
        From = Text("Exercise control", "Руководство учений"),
        Method = method,
        Subject = Text($"Update {sequence}", $"Сводка {sequence}"),
        Message = Text("Continue.", "Продолжайте."),
        FiredAt = FiredAt.AddMinutes(sequence),
        ResponseRequested = false,
        Persona = new()
        {
            Id = $"persona-{sequence}",
            Name = Text($"{kind} desk", $"{kind}: дежурный"),
            Organisation = Text($"{kind} office", $"{kind}: служба"),
            Kind = kind,
            Initials = "XD",
            Colour = "#8250df",
        },
        ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
    };

    private static JoinResponse JoinAnswer(string role, string recipientId, Dictionary<string, string> recipientName, IReadOnlyList<TeamSummary> teams) => new()
    {
        Token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXZpY2UifQ.c2lnbmF0dXJl",
        ExpiresAt = FiredAt.AddDays(8),
        DeviceId = "5f0c2d7e9a8b4c6d",
        ExerciseId = "sample",
        ExerciseTitle = Text("Operation Harbour Light", "Операция «Огни гавани»"),
        Role = role,
        RecipientId = recipientId,
        RecipientName = recipientName,
        Languages = ["ru", "en"],
        DefaultLanguage = "ru",
        Teams = teams,
        ClassificationLine = Text("EXERCISE — EXERCISE — EXERCISE", "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ"),
    };

    private static RecordedRating Recorded(string id, string team, Rating rating) =>
        new() { ObservationId = id, TeamId = team, CriticalTaskId = "identify-screen", Rating = rating, ScenarioTime = new TimeSpan(0, 1, 0, 0) };

    private static EvidenceReceipt Scanned(EvidenceScanOutcome outcome) => new()
    {
        ScanId = "2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7",
        Outcome = outcome,
        StoredAt = FiredAt.AddHours(3),
        Duplicate = false,
    };

    private static Dictionary<string, string> Text(string en, string ru) => new() { ["en"] = en, ["ru"] = ru };
}

public enum Transport
{
    /// <summary>The <c>/hubs/device</c> SignalR hub, JSON protocol.</summary>
    Hub,

    /// <summary>The REST API.</summary>
    Rest,
}

/// <param name="Name">The fixture's file name without <c>.json</c>: the protocol's method or endpoint, then what it is.</param>
public sealed record DeviceContractExample(string Name, Transport Transport, object Value);
