namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Whole-string matching where <c>*</c> stands for any run of characters (possibly empty).</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string text)
    {
        if (!pattern.Contains('*'))
        {
            return string.Equals(pattern, text, StringComparison.Ordinal);
        }
        // Greedy scan remembering the last star: on a mismatch the star absorbs one more character. Linear in practice.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
