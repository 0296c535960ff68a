using System.Globalization;

namespace Berth.ControlPlane.Placement.Query;

/// <summary>A version compared part by part as numbers (1.9 &lt; 1.14; missing parts are 0, so 1.14 == 1.14.0), as
/// agentVersion conditions need; a leading "v" is allowed since agents report both forms.</summary>
public sealed record DottedVersion(IReadOnlyList<long> Parts) : IComparable
{
    public static DottedVersion? TryParse(string text)
    {
        var parts = new List<long>();
        foreach (var part in text.TrimStart('v').Split('.'))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            parts.Add(number);
        }

        return new DottedVersion(parts);
    }

    public int CompareTo(object? obj)
    {
        var other = (DottedVersion)obj!;
        for (var i = 0; i < Math.Max(Parts.Count, other.Parts.Count); i++)
        {
            var order = Part(i).CompareTo(other.Part(i));
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private long Part(int index) => index < Parts.Count ? Parts[index] : 0;
}
