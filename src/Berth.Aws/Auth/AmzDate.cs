using System.Globalization;

namespace Berth.Aws.Auth;

/// <summary>SigV4's timestamp form, ISO 8601 basic ("20150830T123600Z"), parsed by hand because it runs on every request.</summary>
internal static class AmzDate
{
    public const int Length = 16;

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses exactly "yyyyMMddTHHmmssZ" (UTC); anything else, including impossible dates, is rejected.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != Length || text[8] != 'T' || text[15] != 'Z'
            || !TryDigits(text[..4], out int year) || !TryDigits(text[4..6], out int month)
            || !TryDigits(text[6..8], out int day) || !TryDigits(text[9..11], out int hour)
            || !TryDigits(text[11..13], out int minute) || !TryDigits(text[13..15], out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    /// <summary>Parses the HTTP Date header (RFC 1123, "Sun, 30 Aug 2015 12:36:00 GMT"), which SigV4 accepts instead of X-Amz-Date.</summary>
    public static bool TryParseHttpDate(ReadOnlySpan<char> text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
