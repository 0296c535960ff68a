using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Tagging;

/// <summary>The key rules every AWS API Berth serves applies to tags given on create or TagResource (keys present, unique,
/// the aws: prefix reserved); each API words the error with its own exception.</summary>
public static class TagKeys
{
    public static void Check(IEnumerable<string?> keys, Func<string, AwsException> invalid)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            // The models do not require a key (only its length), so a tag without one reaches us.
            if (key is null)
            {
                throw invalid("Tag keys must not be null.");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw invalid($"Tag key '{key}' uses the reserved prefix 'aws:'.");
            }

            if (!seen.Add(key))
            {
                throw invalid($"Duplicate tag key '{key}'.");
            }
        }
    }
}
