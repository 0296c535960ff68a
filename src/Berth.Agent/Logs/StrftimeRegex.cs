using System.Text;

namespace Berth.Agent.Logs;

/// <summary>Turns an <c>awslogs-datetime-format</c> (strftime directives, as the Docker awslogs driver reads them) into the
/// regular expression that recognises the first line of an event: the format's text at the start of a line.</summary>
public static class StrftimeRegex
{
    private static readonly Dictionary<char, string> Directives = new()
    {
        ['a'] = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)",
        ['A'] = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
        ['b'] = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
        ['B'] = "(?:January|February|March|April|May|June|July|August|September|October|November|December)",
        ['d'] = "(?:0[1-9]|[12][0-9]|3[01])",
        ['H'] = "(?:[01][0-9]|2[0-3])",
        ['I'] = "(?:0[0-9]|1[0-2])",
        ['j'] = "(?:00[1-9]|0[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-6])",
        ['L'] = @"\.[0-9]{3}",
        ['m'] = "(?:0[1-9]|1[0-2])",
        ['M'] = "[0-5][0-9]",
        ['p'] = "[AP]M",
        ['S'] = "[0-5][0-9]",
        ['U'] = "(?:[0-4][0-9]|5[0-3])",
        ['w'] = "[0-6]",
        ['W'] = "(?:[0-4][0-9]|5[0-3])",
        ['y'] = "[0-9]{2}",
        ['Y'] = "[0-9]{4}",
        ['z'] = "[+-][0-9]{4}",
        ['Z'] = "[A-Z]{1,4}T",
        ['f'] = "[0-9]{1,9}",
        ['%'] = "%",
    };

    /// <summary>The anchored pattern: each known directive becomes its alternatives, everything else matches itself.</summary>
    public static string Convert(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var pattern = new StringBuilder("^");
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length && Directives.TryGetValue(format[i + 1], out var directive))
            {
                pattern.Append(directive);
                i++;
            }
            else
            {
                pattern.Append(System.Text.RegularExpressions.Regex.Escape(format[i].ToString()));
            }
        }

        return pattern.ToString();
    }
}
