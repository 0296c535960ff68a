namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>The ECR action a registry request performs, as ECR authorizes docker pushes and pulls against repository policies:
/// a manifest pull is BatchGetImage, a blob pull GetDownloadUrlForLayer, a push the layer upload actions and PutImage.</summary>
public static class RegistryActions
{
    public static string Of(RegistryResource resource, string method) => EcrArns.Service + ":" + (resource, method) switch
    {
        (RegistryResource.Manifest, "PUT") => "PutImage",
        (RegistryResource.Manifest or RegistryResource.Blob, "DELETE") => "BatchDeleteImage",
        (RegistryResource.Manifest, _) => "BatchGetImage",
        (RegistryResource.Blob, _) => "GetDownloadUrlForLayer",
        (RegistryResource.Upload, "POST") => "InitiateLayerUpload",
        (RegistryResource.Upload, "PUT") => "CompleteLayerUpload",
        (RegistryResource.Upload, _) => "UploadLayerPart",
        _ => "ListImages",
    };
}
