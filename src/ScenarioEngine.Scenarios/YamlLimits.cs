using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ScenarioEngine.Scenarios;

/// <summary>
/// A pass over a YAML file's events before it is deserialized, refusing shapes that cost far more
/// than their bytes (issue 12 §6): nested aliases ("billion laughs") that grow exponentially with
/// each level while the file stays a few hundred bytes, and nesting so deep that a recursive reader
/// would overflow its stack. The size of each anchored node is kept with its aliases written out,
/// so nothing is ever expanded to measure it.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Values a scenario may hold with its aliases written out; the bundled sample holds a few thousand.</summary>
    public const long MaxValues = 1_000_000;

    /// <summary>A scenario nests about six levels deep (injects → response → fields → choices → label).</summary>
    public const int MaxDepth = 64;

    public static void Check(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new List<(AnchorName Anchor, long Size)>();
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    Add(sizes.GetValueOrDefault(alias.Value.Value, 1), alias.Start);
                    break;
                case Scalar scalar:
                    Remember(scalar.Anchor, 1);
                    Add(1, scalar.Start);
                    break;
                case NodeEvent start and (SequenceStart or MappingStart):
                    open.Add((start.Anchor, 1));
                    if (open.Count > MaxDepth)
                    {
                        throw new YamlLimitException(Msg.YamlTooDeep, MaxDepth, start.Start);
                    }

                    break;
                case (SequenceEnd or MappingEnd) and var end when open.Count > 0:
                    var (anchor, size) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    Remember(anchor, size);
                    Add(size, end.Start);
                    break;
            }
        }

        void Remember(AnchorName anchor, long size)
        {
            if (!anchor.IsEmpty)
            {
                sizes[anchor.Value] = size;
            }
        }

        void Add(long size, Mark at)
        {
            var total = open.Count > 0 ? open[^1].Size + size : size;
            if (total > MaxValues)
            {
                throw new YamlLimitException(Msg.YamlTooManyAliases, MaxValues, at);
            }

            if (open.Count > 0)
            {
                open[^1] = (open[^1].Anchor, total);
            }
        }
    }
}

internal sealed class YamlLimitException(string code, long limit, Mark at) : Exception(code)
{
    public string Code { get; } = code;

    public long Limit { get; } = limit;

    public Mark At { get; } = at;
}
