namespace Berth.Cli;

/// <summary>The options of a berth command line: <c>--name value</c> pairs and bare <c>--flag</c>s; an option given more than
/// once keeps every value (<see cref="Values"/>), the last one being its <see cref="Value"/>. One bare word right after the
/// command is its subject (<c>berth logs web</c>), refused by <see cref="Allow"/> unless the command took it.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string?>> options = new(StringComparer.Ordinal);
    private string? subject;
    private bool subjectTaken;

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    /// <param name="flags">Options that take no value.</param>
    public static CommandLine Parse(string[] args, IReadOnlySet<string> flags)
    {
        var line = new CommandLine(args.Length > 0 ? args[0] : "help");
        var first = 1;
        if (args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal))
        {
            line.subject = args[1];
            first = 2;
        }

        for (var i = first; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                line.Add(arg[2..equals], arg[(equals + 1)..]);
            }
            else if (flags.Contains(arg[2..]))
            {
                line.Add(arg[2..], null);
            }
            else if (i + 1 < args.Length)
            {
                line.Add(arg[2..], args[++i]);
            }
            else
            {
                throw new UsageException($"option {arg} needs a value");
            }
        }

        return line;
    }

    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>The command's subject; a usage error saying <paramref name="what"/> it should be when there is none.</summary>
    public string Subject(string what)
    {
        subjectTaken = true;
        return subject ?? throw new UsageException($"{Command} needs {what}");
    }

    public string? Value(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of a repeatable option, in command-line order (none when absent).</summary>
    public IReadOnlyList<string> Values(string name) => options.TryGetValue(name, out var values) ? values.OfType<string>().ToList() : [];

    /// <summary>A positive whole number, or <paramref name="fallback"/> when the option is absent.</summary>
    public int Int(string name, int fallback) =>
        Has(name)
            ? int.TryParse(Value(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new UsageException($"--{name} needs a positive number")
            : fallback;

    /// <summary>An http(s) URL, or null when the option is absent.</summary>
    public Uri? Url(string name) => Value(name) is { } text ? HttpUrl(text, $"--{name}") : null;

    /// <summary>The URL <paramref name="text"/> when it is an absolute http(s) one, else a usage error naming its
    /// <paramref name="source"/> (an option or an environment variable).</summary>
    public static Uri HttpUrl(string text, string source) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException($"{source} must be an http(s) URL, not '{text}'");

    public int Port(string name, int fallback) =>
        Int(name, fallback) is var port and < 65536 ? port : throw new UsageException($"--{name} needs a port number");

    /// <summary>Fails on options the command does not know, so typos are not silently ignored.</summary>
    public void Allow(params string[] known)
    {
        if (subject is not null && !subjectTaken)
        {
            throw new UsageException($"unexpected argument '{subject}'");
        }

        var unknown = options.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new UsageException($"unknown option --{unknown} for '{Command}'");
        }
    }

    private void Add(string name, string? value)
    {
        if (!options.TryGetValue(name, out var values))
        {
            options[name] = values = [];
        }

        values.Add(value);
    }
}
