namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>An unstructured pattern (<c>ERROR "bad request" -Exiting ?WARN</c>): the message matches when any of its
/// groups does.</summary>
internal sealed record TermPattern(TermGroup[] Groups) : FilterPattern
{
    public override bool Matches(string message)
    {
        foreach (var group in Groups)
        {
            if (group.Matches(message))
            {
                return true;
            }
        }
        return false;
    }
}
