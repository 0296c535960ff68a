using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>Task-level cpu and memory accept plain numbers or ECS's friendly forms ("1 vCPU", "0.5 vcpu", "2GB"); ECS stores numbers.</summary>
public static partial class TaskSize
{
    public const int UnitsPerVcpu = 1024;

    /// <summary>CPU units, or null when the text is not a CPU size.</summary>
    public static int? ParseCpu(string text) => Parse(text, VcpuSuffix(), UnitsPerVcpu);

    /// <summary>MiB, or null when the text is not a memory size.</summary>
    public static int? ParseMemory(string text) => Parse(text, GbSuffix(), 1024);

    private static int? Parse(string text, Regex friendly, int unitsPerFriendly)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        var match = friendly.Match(trimmed);
        if (match.Success && decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            var units = amount * unitsPerFriendly;
            return units == decimal.Truncate(units) && units <= int.MaxValue ? (int)units : null;
        }

        return null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*vcpu$", RegexOptions.IgnoreCase)]
    private static partial Regex VcpuSuffix();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*gb$", RegexOptions.IgnoreCase)]
    private static partial Regex GbSuffix();
}
