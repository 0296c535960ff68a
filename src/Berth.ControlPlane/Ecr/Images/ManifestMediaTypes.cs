namespace Berth.ControlPlane.Ecr.Images;

/// <summary>The manifest media types the registry stores: Docker v2 schema 2 and its manifest list, OCI image manifest and index.</summary>
public static class ManifestMediaTypes
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public static bool IsIndex(string mediaType) => mediaType is DockerManifestList or OciIndex;

    public static bool IsSupported(string mediaType) => mediaType is DockerManifest or DockerManifestList or OciManifest or OciIndex;
}
