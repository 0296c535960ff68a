namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>The kinds of resource the distribution API addresses.</summary>
public enum RegistryResource
{
    /// <summary><c>/v2/</c>: the version check clients log in against.</summary>
    Base,
    Manifest,
    Blob,
    Upload,
    Tags,
}
