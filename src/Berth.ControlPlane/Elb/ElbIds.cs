using System.Globalization;
using Berth.ControlPlane.Ecs;

namespace Berth.ControlPlane.Elb;

/// <summary>ELBv2's resource ids: 16 lowercase hex digits, taken from the shared id source so tests can predict them.</summary>
public sealed class ElbIds(IIdSource ids)
{
    public string NewId() => ids.NewId()[..16];

    /// <summary>The 10 digits of a load balancer's DNS name, derived from its id so the name is stable.</summary>
    public static string DnsDigits(string id) =>
        (ulong.Parse(id[..15], NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 10_000_000_000UL).ToString("D10", CultureInfo.InvariantCulture);
}
