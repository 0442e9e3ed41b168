using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>The top-level blocks of an nginx config (server, upstream…), found by matching braces.</summary>
internal static partial class NginxConfig
{
    public static IReadOnlyList<string> Blocks(string config, string name)
    {
        var text = CommentPattern().Replace(config, string.Empty);
        var blocks = new List<string>();
        foreach (Match start in Regex.Matches(text, $@"(?m)^{Regex.Escape(name)}\s*\{{"))
        {
            var depth = 0;
            for (var i = start.Index + start.Length - 1; i < text.Length; i++)
            {
                depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
                if (depth == 0)
                {
                    blocks.Add(text[(start.Index + start.Length)..i]);
                    break;
                }
            }
        }

        return blocks;
    }

    public static string WithoutComments(string config) => CommentPattern().Replace(config, string.Empty);

    [GeneratedRegex(@"(?m)#.*$")]
    private static partial Regex CommentPattern();
}
