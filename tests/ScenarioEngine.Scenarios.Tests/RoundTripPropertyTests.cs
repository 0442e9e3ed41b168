using CsCheck;
using ScenarioEngine.Scenarios.Msel;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>
/// Export then import gives back the same scenario, for any MSEL a sheet can hold: as CSV or XLSX,
/// with English or Russian headers, and as YAML. CsCheck shrinks a failure to a small case.
/// </summary>
public sealed class RoundTripPropertyTests
{
    private static readonly ScenarioDefinition Base = MselDialectTests.Drill with
    {
        Objectives =
        [
            new ObjectiveDefinition { Id = "obj-1", Title = new() { ["en"] = "Find victims", ["ru"] = "Найти пострадавших" } },
            new ObjectiveDefinition { Id = "obj-2", Title = new() { ["en"] = "Secure evidence", ["ru"] = "Сохранить улики" } },
        ],
    };

    // Text as designers type it: Latin and Cyrillic, digits, punctuation that CSV must quote, inner line breaks.
    private static readonly Gen<string> Text =
        Gen.Select(Gen.Char["abcXYZ джёЖЯ019,;:\"'()!?-–№\n"].Array[0, 24], Gen.Char["abcdefXYZжёфЯ019"], Gen.Char["abcxyzжя019.!?"],
            (middle, first, last) => first + new string(middle) + last);

    private static readonly Gen<Dictionary<string, string>> BothLanguages =
        Gen.Select(Text, Text, (en, ru) => new Dictionary<string, string> { ["en"] = en, ["ru"] = ru });

    /// <summary>Optional text: none, in the fallback language only, or in both.</summary>
    private static readonly Gen<Dictionary<string, string>> OptionalText = Gen.OneOf(
        Gen.Const(0).Select(_ => new Dictionary<string, string>()),
        Text.Select(en => new Dictionary<string, string> { ["en"] = en }),
        BothLanguages);

    private static readonly Gen<AudienceDefinition> Audience = Gen.OneOf(
        Gen.Const(0).Select(_ => new AudienceDefinition { Everyone = true }),
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, (alpha, bravo, guard, site, role) => new AudienceDefinition
        {
            Teams = alpha || !(bravo || guard || site || role) ? bravo ? ["alpha", "bravo"] : ["alpha"] : bravo ? ["bravo"] : [],
            Actors = guard ? ["guard"] : [],
            Sites = site ? ["warehouse"] : [],
            Roles = role ? ["police"] : [],
        }));

    private static readonly Gen<Dictionary<string, string>> Tags =
        Gen.Select(Gen.Bool, Gen.Bool, Text, Text, (faction, tab, a, b) =>
        {
            var tags = new Dictionary<string, string>();
            if (faction)
            {
                tags["Faction"] = a;
            }

            if (tab)
            {
                tags["Core Capability"] = b;
            }

            return tags;
        });

    private static readonly Gen<TimeSpan> Offset = Gen.Int[1, 3 * 86_400].Select(s => TimeSpan.FromSeconds(s));

    /// <summary>The inject at <paramref name="index"/>: timed, after an earlier one, or by hand; with any of the fields a sheet holds.</summary>
    private static Gen<InjectDefinition> Inject(int index) =>
        from when in Gen.Int[0, index == 0 ? 1 : 2]
        from at in Offset
        from after in Gen.Int[0, Math.Max(0, index - 1)]
        from delay in Offset
        from text in Gen.Select(BothLanguages, BothLanguages, OptionalText, OptionalText, OptionalText)
        from to in Audience
        from method in Gen.Enum<DeliveryMethod>()
        from notes in Gen.OneOf(Gen.Const(0).Select(_ => (string?)null), Text.Select(t => (string?)t))
        from objectives in Gen.Select(Gen.Bool, Gen.Bool, (a, b) => new[] { a ? "obj-1" : null, b ? "obj-2" : null }.OfType<string>().ToList())
        from response in Gen.Int[0, 2]
        from deadline in Gen.OneOf(Gen.Const(0).Select(_ => (TimeSpan?)null), Offset.Select(o => (TimeSpan?)o))
        from flags in Gen.Select(Gen.Bool, Gen.Bool, (contingency, enabled) => (contingency, enabled))
        from tags in Tags
        select new InjectDefinition
        {
            Number = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            At = when == 1 ? at : null,
            Trigger = when == 2 ? new TriggerDefinition { Kind = TriggerKind.AfterInject, Inject = (after + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Delay = delay } : null,
            Subject = text.Item1,
            Message = text.Item2,
            From = text.Item3,
            ToPersona = text.Item4,
            ExpectedAction = text.Item5,
            To = to,
            Method = method,
            ControllerNotes = notes,
            Objectives = objectives,
            ResponseRequested = response == 1,
            ResponseForm = response == 2 ? ChoiceForm("observe", "raid") : null,
            ResponseDeadline = deadline,
            Contingency = flags.contingency && when != 1,
            Enabled = flags.enabled,
            Tags = tags,
        };

    private static readonly Gen<ScenarioDefinition> Scenario =
        Gen.Int[1, 8].SelectMany(count => Enumerable.Range(0, count).Aggregate(
            Gen.Const(0).Select(_ => new List<InjectDefinition>()),
            (list, i) => list.SelectMany(l => Inject(i).Select(x => new List<InjectDefinition>(l) { x }))))
        .Select(injects => ScenarioValidator.Normalize(Base with { Injects = injects }));

    [Fact]
    public void Any_msel_exported_to_a_sheet_imports_back_to_the_same_scenario()
    {
        Gen.Select(Scenario, Gen.Bool, Gen.Bool).Sample((scenario, xlsx, russian) =>
        {
            var format = xlsx ? SheetFormat.Xlsx : SheetFormat.Csv;
            var bytes = SheetFiles.Write(MselExporter.Rows(scenario, russian), format);

            var again = MselImporter.ImportWithReport(SheetFiles.Read($"msel.{format}", bytes, format), scenario with { Injects = [] }, new MselImportOptions { StrictLanguages = true });

            Assert.Equal(SheetFixtures.Canonical(scenario), SheetFixtures.Canonical(again.Scenario));
            Assert.Empty(again.Report.Warnings);
            Assert.Empty(again.Report.Matches);
        }, iter: 150);
    }

    [Fact]
    public void Any_scenario_written_as_yaml_loads_back_the_same()
    {
        Scenario.Sample(scenario =>
        {
            var again = ScenarioLoader.Parse(ScenarioWriter.ToYaml(scenario), "again.yaml");

            Assert.Equal(SheetFixtures.Canonical(scenario), SheetFixtures.Canonical(again));
        }, iter: 150);
    }

    private static ResponseForm ChoiceForm(params string[] choices) => new()
    {
        Fields =
        [
            new ResponseField
            {
                Id = "choice",
                Kind = ResponseFieldKind.Choice,
                Required = true,
                Choices = choices.Select(c => new ResponseChoice { Id = c, Label = new() { ["en"] = c, ["ru"] = c } }).ToList(),
            },
        ],
    };
}
