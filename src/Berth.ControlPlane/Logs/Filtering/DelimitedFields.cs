namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Splits a message into space-delimited fields the way CloudWatch Logs does: runs of whitespace separate
/// fields, and <c>"…"</c> or <c>[…]</c> make one field (without the quotes or brackets) even when it holds spaces.</summary>
internal static class DelimitedFields
{
    public static List<string> Split(string message)
    {
        var fields = new List<string>();
        var position = 0;
        while (true)
        {
            while (position < message.Length && char.IsWhiteSpace(message[position]))
            {
                position++;
            }
            if (position == message.Length)
            {
                return fields;
            }
            var closer = message[position] switch { '"' => '"', '[' => ']', _ => '\0' };
            if (closer != '\0')
            {
                var close = message.IndexOf(closer, position + 1);
                var end = close < 0 ? message.Length : close;
                fields.Add(message[(position + 1)..end]);
                position = close < 0 ? message.Length : close + 1;
                continue;
            }
            var start = position;
            while (position < message.Length && !char.IsWhiteSpace(message[position]))
            {
                position++;
            }
            fields.Add(message[start..position]);
        }
    }
}
