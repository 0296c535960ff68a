using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Ecr;

/// <summary>ECR's repository name rule (the model's pattern, anchored): it admits no '..', '%', '@', ':' or leading '/', so a
/// name is safe in a store key and in a URL path.</summary>
public static partial class RepositoryNames
{
    public const int MinLength = 2;
    public const int MaxLength = 256;

    public static bool IsValid(string? name) =>
        name is { Length: >= MinLength and <= MaxLength } && Pattern().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
