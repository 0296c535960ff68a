using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Ecr;

/// <summary>The OCI tag rule: a word character, then up to 127 word characters, '.' or '-'; a digest is never a tag.</summary>
public static partial class ImageTags
{
    public static bool IsValid(string? tag) => tag is not null && Pattern().IsMatch(tag);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
