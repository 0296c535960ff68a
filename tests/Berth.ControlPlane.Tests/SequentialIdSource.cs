using Berth.ControlPlane.Ecs;

namespace Berth.ControlPlane.Tests;

/// <summary>Predictable ids: the n-th is n in eight hex digits, four times over (so their first 17 digits differ too).</summary>
public sealed class SequentialIdSource : IIdSource
{
    private int issued;

    public string NewId() => Of(Interlocked.Increment(ref issued));

    public static string Of(int n) => string.Concat(Enumerable.Repeat(n.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), 4));
}
