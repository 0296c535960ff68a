namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>ECR's tag wildcard filters: '*' matches any run of characters (also none), every other character itself.</summary>
public static class TagPattern
{
    /// <summary>ECR allows at most four wildcards in one pattern.</summary>
    public const int MaxWildcards = 4;

    public static bool Matches(string pattern, string tag)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, tag, StringComparison.Ordinal);
        }

        if (!tag.StartsWith(parts[0], StringComparison.Ordinal) || !tag.EndsWith(parts[^1], StringComparison.Ordinal)
            || tag.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        // Greedy left-to-right placement of the middle parts is exact for '*'-only patterns.
        var at = parts[0].Length;
        var end = tag.Length - parts[^1].Length;
        foreach (var middle in parts[1..^1])
        {
            var found = tag.IndexOf(middle, at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + middle.Length;
        }

        return true;
    }
}
