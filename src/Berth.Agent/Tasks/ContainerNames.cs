using System.Globalization;

namespace Berth.Agent.Tasks;

/// <summary>Docker names of task containers, as the ECS agent makes them: <c>ecs-&lt;family&gt;-&lt;revision&gt;-&lt;container&gt;-&lt;20 hex digits&gt;</c>.</summary>
public static class ContainerNames
{
    /// <summary>A fresh name; the random suffix keeps names unique when a task definition runs many times on a host.</summary>
    public static string Create(string family, int revision, string container, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> suffix = stackalloc byte[10];
        random.NextBytes(suffix);
        return string.Create(CultureInfo.InvariantCulture, $"ecs-{family}-{revision}-{container}-{Convert.ToHexStringLower(suffix)}");
    }
}
