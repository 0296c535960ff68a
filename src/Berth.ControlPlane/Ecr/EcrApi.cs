using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecr.Auth;
using Berth.ControlPlane.Ecr.Images;
using Berth.ControlPlane.Ecr.Layers;
using Berth.ControlPlane.Ecr.Lifecycle;
using Berth.ControlPlane.Ecr.Policies;
using Berth.ControlPlane.Ecr.Repositories;

namespace Berth.ControlPlane.Ecr;

/// <summary>The ECR API: which handler serves each operation. Operations not bound here answer "not implemented".</summary>
public static class EcrApi
{
    public const string ModelFile = "ecr-2015-09-21.service.json";

    public static AwsService Build(
        ServiceModel model,
        RepositoryHandlers repositories,
        RepositoryTagHandlers tags,
        AuthorizationHandlers authorization,
        ImageHandlers images,
        LayerHandlers layers,
        LifecycleHandlers lifecycle,
        RepositoryPolicyHandlers policies) =>
        new AwsServiceBuilder(model, EcrJsonContext.Default) { ValidationErrorCode = "InvalidParameterException" }
            .On<CreateRepositoryRequest, CreateRepositoryResponse>("CreateRepository", repositories.CreateRepository)
            .On<DescribeRepositoriesRequest, DescribeRepositoriesResponse>("DescribeRepositories", repositories.DescribeRepositories)
            .On<DeleteRepositoryRequest, DeleteRepositoryResponse>("DeleteRepository", repositories.DeleteRepository)
            .On<PutImageTagMutabilityRequest, PutImageTagMutabilityResponse>("PutImageTagMutability", repositories.PutImageTagMutability)
            .On<TagResourceRequest, TagResourceResponse>("TagResource", tags.TagResource)
            .On<UntagResourceRequest, UntagResourceResponse>("UntagResource", tags.UntagResource)
            .On<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", tags.ListTagsForResource)
            .On<GetAuthorizationTokenRequest, GetAuthorizationTokenResponse>("GetAuthorizationToken", authorization.GetAuthorizationToken)
            .On<ListImagesRequest, ListImagesResponse>("ListImages", images.ListImages)
            .On<DescribeImagesRequest, DescribeImagesResponse>("DescribeImages", images.DescribeImages)
            .On<BatchGetImageRequest, BatchGetImageResponse>("BatchGetImage", images.BatchGetImage)
            .On<BatchDeleteImageRequest, BatchDeleteImageResponse>("BatchDeleteImage", images.BatchDeleteImage)
            .On<PutImageRequest, PutImageResponse>("PutImage", images.PutImage)
            .On<BatchCheckLayerAvailabilityRequest, BatchCheckLayerAvailabilityResponse>("BatchCheckLayerAvailability", layers.BatchCheckLayerAvailability)
            .On<InitiateLayerUploadRequest, InitiateLayerUploadResponse>("InitiateLayerUpload", layers.InitiateLayerUpload)
            .On<UploadLayerPartRequest, UploadLayerPartResponse>("UploadLayerPart", layers.UploadLayerPart)
            .On<CompleteLayerUploadRequest, CompleteLayerUploadResponse>("CompleteLayerUpload", layers.CompleteLayerUpload)
            .On<GetDownloadUrlForLayerRequest, GetDownloadUrlForLayerResponse>("GetDownloadUrlForLayer", layers.GetDownloadUrlForLayer)
            .On<PutLifecyclePolicyRequest, PutLifecyclePolicyResponse>("PutLifecyclePolicy", lifecycle.PutLifecyclePolicy)
            .On<GetLifecyclePolicyRequest, GetLifecyclePolicyResponse>("GetLifecyclePolicy", lifecycle.GetLifecyclePolicy)
            .On<DeleteLifecyclePolicyRequest, DeleteLifecyclePolicyResponse>("DeleteLifecyclePolicy", lifecycle.DeleteLifecyclePolicy)
            .On<StartLifecyclePolicyPreviewRequest, StartLifecyclePolicyPreviewResponse>("StartLifecyclePolicyPreview", lifecycle.StartLifecyclePolicyPreview)
            .On<GetLifecyclePolicyPreviewRequest, GetLifecyclePolicyPreviewResponse>("GetLifecyclePolicyPreview", lifecycle.GetLifecyclePolicyPreview)
            .On<SetRepositoryPolicyRequest, SetRepositoryPolicyResponse>("SetRepositoryPolicy", policies.SetRepositoryPolicy)
            .On<GetRepositoryPolicyRequest, GetRepositoryPolicyResponse>("GetRepositoryPolicy", policies.GetRepositoryPolicy)
            .On<DeleteRepositoryPolicyRequest, DeleteRepositoryPolicyResponse>("DeleteRepositoryPolicy", policies.DeleteRepositoryPolicy)
            .Build();
}
