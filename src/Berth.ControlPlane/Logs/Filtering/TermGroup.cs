namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>One alternative of an unstructured pattern: every required term appears in the message and no excluded one
/// does (case-sensitive substrings).</summary>
/// <remarks>Arrays rather than immutable collections: the loops below run for every scanned event and must not
/// allocate.</remarks>
internal sealed record TermGroup(string[] Required, string[] Excluded)
{
    public bool Matches(string message)
    {
        foreach (var term in Required)
        {
            if (!message.Contains(term, StringComparison.Ordinal))
            {
                return false;
            }
        }
        foreach (var term in Excluded)
        {
            if (message.Contains(term, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
