using System.Text;

namespace Berth.State;

/// <summary>Turns a key prefix into an index range, so prefix listings seek instead of scanning the whole partition.</summary>
internal static class KeyRange
{
    /// <summary>The least string greater than every string starting with prefix (code point order), or null when none exists.</summary>
    public static string? PrefixEnd(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToArray();
        for (var i = runes.Length - 1; i >= 0; i--)
        {
            var value = runes[i].Value;
            if (value == 0x10FFFF)
            {
                continue;
            }

            // Surrogate code points never occur in stored (UTF-8) keys, so the successor of U+D7FF is U+E000.
            var next = new Rune(value == 0xD7FF ? 0xE000 : value + 1);
            var builder = new StringBuilder(prefix.Length + 1);
            for (var j = 0; j < i; j++)
            {
                builder.Append(runes[j].ToString());
            }

            return builder.Append(next.ToString()).ToString();
        }

        return null;
    }
}
