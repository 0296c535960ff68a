using System.Globalization;

namespace Berth.AgentProtocol;

/// <summary>The awslogs log driver's options (ECS <c>logConfiguration.options</c>) the agent honours, spelled as on the wire,
/// and how their values read; <see cref="RunnableTaskDefinition"/> refuses any other option.</summary>
public static class AwsLogsOptions
{
    public const string Driver = "awslogs";
    public const string Group = "awslogs-group";
    public const string Region = "awslogs-region";
    public const string StreamPrefix = "awslogs-stream-prefix";
    public const string CreateGroup = "awslogs-create-group";
    public const string DatetimeFormat = "awslogs-datetime-format";
    public const string MultilinePattern = "awslogs-multiline-pattern";
    public const string Mode = "mode";
    public const string MaxBufferSize = "max-buffer-size";
    public const string Blocking = "blocking";
    public const string NonBlocking = "non-blocking";

    /// <summary>Docker's default max-buffer-size for non-blocking mode (1m).</summary>
    public const long DefaultMaxBufferSize = 1024 * 1024;

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Group, Region, StreamPrefix, CreateGroup, DatetimeFormat, MultilinePattern, Mode, MaxBufferSize,
    };

    /// <summary>A size as Docker reads max-buffer-size ("1m", "512k", "4MiB", "100" bytes; binary multiples); null when unreadable
    /// or not positive.</summary>
    public static long? ParseSize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().ToLowerInvariant();
        var digits = 0;
        while (digits < trimmed.Length && (char.IsAsciiDigit(trimmed[digits]) || trimmed[digits] == '.'))
        {
            digits++;
        }

        if (!double.TryParse(trimmed[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        long? unit = trimmed[digits..].Trim() switch
        {
            "" or "b" => 1,
            "k" or "kb" or "kib" => 1L << 10,
            "m" or "mb" or "mib" => 1L << 20,
            "g" or "gb" or "gib" => 1L << 30,
            _ => null,
        };
        return unit is { } multiple && number * multiple is >= 1 and < long.MaxValue ? (long)(number * multiple) : null;
    }
}
