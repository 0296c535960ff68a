using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>The IPv4 networks of this machine (loopback, and every interface's subnet, Docker's bridges included): where an
/// ip target can be, as an AWS ip target must be within the VPC's CIDR blocks.</summary>
public static class LocalNetworks
{
    public static bool Contains(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || address.Count(c => c == '.') != 3)
        {
            return false;
        }

        return IPAddress.IsLoopback(ip) || NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus != OperationalStatus.Down)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Where(u => u.Address.AddressFamily == AddressFamily.InterNetwork)
            .Any(u => new IPNetwork(Masked(u.Address, u.PrefixLength), u.PrefixLength).Contains(ip));
    }

    private static IPAddress Masked(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        var value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        var masked = value & mask;
        return new IPAddress([(byte)(masked >> 24), (byte)(masked >> 16), (byte)(masked >> 8), (byte)masked]);
    }
}
