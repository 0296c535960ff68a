using System.Globalization;

namespace Berth.Agent.Docker.Internal;

/// <summary>Docker's time formats: RFC 3339 with up to nine fractional digits in bodies, Unix
/// "seconds.nanoseconds" in query parameters.</summary>
internal static class DockerTime
{
    /// <summary>Go's zero time, which Docker writes for "never".</summary>
    private const string ZeroTimePrefix = "0001-01-01T00:00:00";

    /// <summary>Null for null, empty, Go's zero time, or an unreadable value.</summary>
    public static DateTimeOffset? ParseOrNull(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.StartsWith(ZeroTimePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(TrimFraction(value), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>"1795274945.323807800": what <c>since</c>/<c>until</c> accept, to 100 ns.</summary>
    public static string ToUnixQuery(DateTimeOffset time)
    {
        var ticks = Math.Max(0, time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var nanos = ticks % TimeSpan.TicksPerSecond * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{nanos:D9}");
    }

    public static DateTimeOffset FromUnixNanos(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);

    /// <summary>.NET reads at most seven fractional digits; Docker writes up to nine.</summary>
    private static string TrimFraction(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return value;
        }

        var end = dot + 1;
        while (end < value.Length && char.IsAsciiDigit(value[end]))
        {
            end++;
        }

        var digits = end - dot - 1;
        return digits <= 7 ? value : string.Concat(value.AsSpan(0, dot + 8), value.AsSpan(end));
    }
}
