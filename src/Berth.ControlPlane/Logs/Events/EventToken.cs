using System.Globalization;
using Berth.ControlPlane.Logs.Storage;

namespace Berth.ControlPlane.Logs.Events;

/// <summary>GetLogEvents' tokens, <c>f/…</c> (read forward from here) and <c>b/…</c> (read backward from here), shaped as AWS
/// shapes them: a prefix and digits (the position's timestamp and sequence, 20 digits each).</summary>
public readonly record struct EventToken(bool Forward, EventPosition Position)
{
    private const int Digits = 20;

    public override string ToString() =>
        $"{(Forward ? 'f' : 'b')}/{Position.Timestamp.ToString("D20", CultureInfo.InvariantCulture)}{Position.Sequence.ToString("D20", CultureInfo.InvariantCulture)}";

    /// <summary>Reads a token Berth issued; anything else is InvalidParameterException.</summary>
    public static EventToken Parse(string token)
    {
        if (token.Length == 2 + (2 * Digits) && token[1] == '/' && token[0] is 'f' or 'b'
            && long.TryParse(token.AsSpan(2, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            && long.TryParse(token.AsSpan(2 + Digits, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return new EventToken(token[0] == 'f', new EventPosition(timestamp, sequence));
        }

        throw LogsErrors.InvalidNextToken();
    }
}
