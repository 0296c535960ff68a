namespace Berth.ControlPlane.Ecr;

/// <summary>One failure of the image store as both of its fronts name it: the OCI distribution error code and HTTP status the
/// registry answers with, and the exception the ECR API answers with.</summary>
public sealed record RegistryError(string OciCode, int HttpStatus, string EcrCode)
{
    public static readonly RegistryError NameUnknown = new("NAME_UNKNOWN", 404, "RepositoryNotFoundException");
    public static readonly RegistryError NameInvalid = new("NAME_INVALID", 400, "InvalidParameterException");
    public static readonly RegistryError ManifestUnknown = new("MANIFEST_UNKNOWN", 404, "ImageNotFoundException");
    public static readonly RegistryError ManifestInvalid = new("MANIFEST_INVALID", 400, "InvalidParameterException");
    public static readonly RegistryError ManifestBlobUnknown = new("MANIFEST_BLOB_UNKNOWN", 400, "LayersNotFoundException");
    public static readonly RegistryError ReferencedManifestUnknown = new("MANIFEST_BLOB_UNKNOWN", 400, "ReferencedImagesNotFoundException");
    public static readonly RegistryError ManifestTooLarge = new("SIZE_INVALID", 413, "InvalidParameterException");
    public static readonly RegistryError MediaTypeUnsupported = new("UNSUPPORTED", 415, "InvalidParameterException");
    public static readonly RegistryError ManifestDigestMismatch = new("DIGEST_INVALID", 400, "ImageDigestDoesNotMatchException");
    public static readonly RegistryError ReferencedByIndex = new("DENIED", 403, "InvalidParameterException");
    public static readonly RegistryError DigestInvalid = new("DIGEST_INVALID", 400, "InvalidParameterException");
    public static readonly RegistryError TagInvalid = new("TAG_INVALID", 400, "InvalidParameterException");
    public static readonly RegistryError TagImmutable = new("TAG_INVALID", 400, "ImageTagAlreadyExistsException");
    public static readonly RegistryError BlobUnknown = new("BLOB_UNKNOWN", 404, "LayersNotFoundException");
    public static readonly RegistryError UploadUnknown = new("BLOB_UPLOAD_UNKNOWN", 404, "UploadNotFoundException");
    public static readonly RegistryError RangeInvalid = new("RANGE_INVALID", 416, "InvalidLayerPartException");
    public static readonly RegistryError Denied = new("DENIED", 403, "AccessDeniedException");
    public static readonly RegistryError SizeInvalid = new("SIZE_INVALID", 400, "InvalidParameterException");
}
