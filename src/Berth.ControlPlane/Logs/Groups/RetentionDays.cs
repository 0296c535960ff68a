namespace Berth.ControlPlane.Logs.Groups;

/// <summary>The retention periods CloudWatch Logs accepts, in days.</summary>
public static class RetentionDays
{
    public static readonly IReadOnlyList<int> Allowed =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    public static int Check(int days) => Allowed.Contains(days) ? days : throw LogsErrors.RetentionInDays(days, Allowed);
}
