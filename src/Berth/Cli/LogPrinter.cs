namespace Berth.Cli;

/// <summary>Writes log lines as <c>task-id/container | message</c>, each task in a colour of its own when the output is a
/// terminal (ANSI), plain otherwise so the output can be piped and searched.</summary>
public sealed class LogPrinter(TextWriter output, bool colour)
{
    private const string Reset = "\u001b[0m";

    /// <summary>Cyan, yellow, green, magenta, blue, red; tasks beyond six reuse them in turn.</summary>
    private static readonly string[] Colours = ["\u001b[36m", "\u001b[33m", "\u001b[32m", "\u001b[35m", "\u001b[34m", "\u001b[31m"];

    private readonly Dictionary<string, string> _taskColours = new(StringComparer.Ordinal);

    public void Write(LogSource source, string message)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!colour)
        {
            output.WriteLine($"{source.Label} | {message}");
            return;
        }

        if (!_taskColours.TryGetValue(source.TaskId, out var code))
        {
            code = Colours[_taskColours.Count % Colours.Length];
            _taskColours[source.TaskId] = code;
        }

        output.WriteLine($"{code}{source.Label}{Reset} | {message}");
    }
}
