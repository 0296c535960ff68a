using System.Security.Cryptography;
using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>Names of backends and servers in the configuration: readable (the group's name, the target's id and port), safe
/// (only <c>[A-Za-z0-9_.-]</c>) and stable (a hash of the identity they stand for), so a server keeps its name, its state and
/// its stickiness cookie across reloads.</summary>
internal static class HaproxyNames
{
    private const int MaxReadablePart = 32;

    /// <summary>The backend of a target group, unique per ARN.</summary>
    public static string Backend(ProxyTargetGroup group) => $"tg_{Readable(group.Name)}_{Hash(group.TargetGroupArn)}";

    /// <summary>A target's server, unique within its backend per (id, port).</summary>
    public static string Server(ProxyTarget target) => $"{Readable(target.Id)}_{target.Port}_{Hash($"{target.Id}:{target.Port}")}";

    /// <summary>The frontend serving one listener port.</summary>
    public static string Frontend(int port) => $"port_{port}";

    private static string Readable(string value)
    {
        var readable = new StringBuilder(Math.Min(value.Length, MaxReadablePart));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxReadablePart)))
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return readable.ToString();
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..10];
}
