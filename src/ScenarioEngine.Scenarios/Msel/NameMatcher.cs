using System.Text;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>How a name in a sheet was matched to a team, actor, site or role, weakest last.</summary>
public enum NameMatch
{
    /// <summary>The id or a name, ignoring case.</summary>
    Exact,

    /// <summary>After leaving out a word that only says what kind of thing it is ("Team Alpha", "Группа Альфа").</summary>
    WithoutKindWord,

    /// <summary>The only name that starts with what was written ("alph" → "Alpha").</summary>
    Prefix,
}

public enum AudienceKind
{
    Team,
    Actor,
    Site,
    Role,
}

public sealed record NameCandidate(AudienceKind Kind, string Id, IReadOnlyCollection<string> Names);

public sealed record NameMatchResult(NameCandidate? Match, NameMatch How, IReadOnlyList<NameCandidate> Ambiguous)
{
    public static readonly NameMatchResult None = new(null, NameMatch.Exact, []);
}

/// <summary>
/// Matches the names designers type ("Team Alpha", "Группа Альфа", "alpha") to the scenario's ids,
/// tolerant of case, of a leading or trailing kind word, and of a unique prefix, strongest match
/// first. A prefix that fits two things matches neither: a guess there would send an inject to
/// the wrong team.
/// </summary>
public static class NameMatcher
{
    private static readonly Dictionary<string, AudienceKind> KindWords = new()
    {
        ["team"] = AudienceKind.Team,
        ["group"] = AudienceKind.Team,
        ["squad"] = AudienceKind.Team,
        ["cell"] = AudienceKind.Team,
        ["команда"] = AudienceKind.Team,
        ["группа"] = AudienceKind.Team,
        ["отряд"] = AudienceKind.Team,
        ["actor"] = AudienceKind.Actor,
        ["актер"] = AudienceKind.Actor,
        ["site"] = AudienceKind.Site,
        ["location"] = AudienceKind.Site,
        ["объект"] = AudienceKind.Site,
        ["площадка"] = AudienceKind.Site,
        ["role"] = AudienceKind.Role,
        ["agency"] = AudienceKind.Role,
        ["роль"] = AudienceKind.Role,
        ["ведомство"] = AudienceKind.Role,
    };

    public static NameMatchResult Match(string token, IReadOnlyList<NameCandidate> candidates)
    {
        var written = Words(token);
        if (written.Length == 0)
        {
            return NameMatchResult.None;
        }

        var exact = candidates.Where(c => Forms(c).Any(f => f.SequenceEqual(written))).ToList();
        if (exact.Count > 0)
        {
            return new NameMatchResult(exact[0], NameMatch.Exact, []);
        }

        var (bare, kind) = WithoutKindWord(written);
        var pool = kind is { } k ? candidates.Where(c => c.Kind == k).ToList() : candidates.ToList();
        var loose = pool.Where(c => Forms(c).Any(f => WithoutKindWord(f).Bare.SequenceEqual(bare))).ToList();
        if (loose.Count > 0)
        {
            return new NameMatchResult(loose[0], NameMatch.WithoutKindWord, []);
        }

        var text = string.Join(' ', bare);
        if (text.Length < 2)
        {
            return NameMatchResult.None;
        }

        var prefixed = pool.Where(c => Forms(c).Any(f => string.Join(' ', WithoutKindWord(f).Bare).StartsWith(text, StringComparison.Ordinal))).ToList();
        return prefixed.Count switch
        {
            1 => new NameMatchResult(prefixed[0], NameMatch.Prefix, []),
            0 => NameMatchResult.None,
            _ => new NameMatchResult(null, NameMatch.Prefix, prefixed),
        };
    }

    private static IEnumerable<string[]> Forms(NameCandidate candidate) =>
        candidate.Names.Prepend(candidate.Id).Select(Words).Where(w => w.Length > 0);

    private static (string[] Bare, AudienceKind? Kind) WithoutKindWord(string[] words)
    {
        if (words.Length > 1 && KindWords.TryGetValue(words[0], out var first))
        {
            return (words[1..], first);
        }

        if (words.Length > 1 && KindWords.TryGetValue(words[^1], out var last))
        {
            return (words[..^1], last);
        }

        return (words, null);
    }

    /// <summary>Lower-case words, "ё" as "е", punctuation as spaces: "Team-Alpha" and "team alpha" are the same.</summary>
    private static string[] Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Replace('ё', 'е'))
        {
            folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
