using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>What a path under <c>/v2/</c> addresses. A repository name may contain '/', so the path is read from its end:
/// <c>&lt;name&gt;/manifests/&lt;reference&gt;</c>, <c>&lt;name&gt;/blobs/&lt;digest&gt;</c>, <c>&lt;name&gt;/blobs/uploads/[&lt;id&gt;]</c>,
/// <c>&lt;name&gt;/tags/list</c>; the base <c>/v2/</c> has no name.</summary>
public sealed partial record RegistryRoute(RegistryResource Resource, string Name, string Reference)
{
    public static readonly RegistryRoute Base = new(RegistryResource.Base, string.Empty, string.Empty);

    /// <summary>The route of a path after <c>/v2/</c>, or null for a path the registry does not serve. The name is returned
    /// unchecked (the caller answers NAME_INVALID with it).</summary>
    public static RegistryRoute? Parse(string path)
    {
        if (path.Length == 0)
        {
            return Base;
        }

        var match = Pattern().Match(path);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        if (match.Groups["tags"].Success)
        {
            return new RegistryRoute(RegistryResource.Tags, name, string.Empty);
        }

        if (match.Groups["manifest"].Success)
        {
            return new RegistryRoute(RegistryResource.Manifest, name, match.Groups["manifest"].Value);
        }

        return match.Groups["upload"].Success
            ? new RegistryRoute(RegistryResource.Upload, name, match.Groups["upload"].Value)
            : new RegistryRoute(RegistryResource.Blob, name, match.Groups["blob"].Value);
    }

    [GeneratedRegex("^(?<name>.+?)/(?:(?<tags>tags/list)|manifests/(?<manifest>[^/]+)|blobs/uploads/(?<upload>[^/]*)|blobs/(?<blob>[^/]+))$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
