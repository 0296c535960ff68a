using System.Globalization;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Deployment ids shaped as ECS shapes them: <c>ecs-svc/</c> and 19 decimal digits.</summary>
public static class DeploymentIds
{
    public const string Prefix = "ecs-svc/";

    public static string New(IIdSource ids) =>
        Prefix + (ulong.Parse(ids.NewId()[..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 10_000_000_000_000_000_000UL)
            .ToString("D19", CultureInfo.InvariantCulture);

    public static bool IsDeploymentId(string? startedBy) => startedBy?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
