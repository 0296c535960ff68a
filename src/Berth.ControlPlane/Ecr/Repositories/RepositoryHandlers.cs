using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Registry;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecr.Repositories;

/// <summary>CreateRepository, DescribeRepositories, DeleteRepository (with its images, tags, blob links and uploads in
/// progress) and PutImageTagMutability.</summary>
public sealed class RepositoryHandlers(EcrStore store, RepositoryResolver resolver, BlobUploads uploads, EcrOptions options, TimeProvider time)
{
    private const int MaxDescribeResults = 1000;

    public async ValueTask<CreateRepositoryResponse> CreateRepository(
        RequestContext context, CreateRepositoryRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        if (request.RegistryId is not null && request.RegistryId != scope.AccountId)
        {
            throw EcrErrors.InvalidParameter($"Invalid parameter at 'registryId' failed to satisfy constraint: 'registryId must be your own account id {scope.AccountId}'");
        }

        var name = request.RepositoryName!;
        var repository = new Repository
        {
            RepositoryArn = EcrArns.Repository(scope, name),
            RegistryId = scope.AccountId,
            RepositoryName = name,
            RepositoryUri = $"{options.RegistryHost}/{name}",
            CreatedAt = time.GetUtcNow(),
            ImageTagMutability = TagMutability(request.ImageTagMutability, request.ImageTagMutabilityExclusionFilters),
            ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = request.ImageScanningConfiguration?.ScanOnPush ?? false },
            EncryptionConfiguration = Encryption(request.EncryptionConfiguration),
        };
        var stored = new StoredRepository { Repository = repository, Tags = EcrTagRules.Validate(request.Tags) };
        try
        {
            await store.Store.ApplyAsync([store.Repositories.Put(scope.Partition, name, stored, expectedVersion: 0)], cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            throw EcrErrors.RepositoryAlreadyExists(scope, name);
        }

        return new CreateRepositoryResponse { Repository = repository };
    }

    public async ValueTask<DescribeRepositoriesResponse> DescribeRepositories(
        RequestContext context, DescribeRepositoriesRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        if (request.RepositoryNames is { Count: > 0 } names)
        {
            if (request.NextToken is not null || request.MaxResults is not null)
            {
                throw EcrErrors.InvalidParameter("Invalid parameter: maxResults and nextToken cannot be used with repositoryNames");
            }

            var found = new List<Repository>();
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                found.Add((await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false)).Value.Repository);
            }

            return new DescribeRepositoriesResponse { Repositories = found };
        }

        if (request.RegistryId is not null && request.RegistryId != scope.AccountId)
        {
            return new DescribeRepositoriesResponse { Repositories = [] };
        }

        var pageSize = NextToken.PageSize(request.MaxResults, MaxDescribeResults, max => EcrErrors.InvalidParameter($"maxResults must be between 1 and {max}"));
        var after = NextToken.Decode(request.NextToken, EcrErrors.InvalidNextToken);
        var (items, nextKey) = await store.Repositories.ListAsync(scope.Partition, new ListQuery { StartAfter = after, Limit = pageSize }, cancellationToken)
            .ConfigureAwait(false);
        return new DescribeRepositoriesResponse { Repositories = items.Select(v => v.Value.Repository).ToList(), NextToken = NextToken.Encode(nextKey) };
    }

    public async ValueTask<DeleteRepositoryResponse> DeleteRepository(
        RequestContext context, DeleteRepositoryRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        return await Optimistic.RetryAsync(async () =>
        {
            var repository = await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
            var ops = new List<WriteOp> { store.Repositories.Delete(scope.Partition, name, repository.Version) };
            var images = await store.KeysAsync(store.Images.Kind, scope.Partition, EcrStore.DigestPrefix(name), cancellationToken).ConfigureAwait(false);
            if (images.Count > 0 && request.Force != true)
            {
                throw EcrErrors.RepositoryNotEmpty(scope, name);
            }

            ops.AddRange(images.Select(key => store.Images.Delete(scope.Partition, key, expectedVersion: null)));
            ops.AddRange((await store.KeysAsync(store.Tags.Kind, scope.Partition, EcrStore.TagPrefix(name), cancellationToken).ConfigureAwait(false))
                .Select(key => store.Tags.Delete(scope.Partition, key, expectedVersion: null)));
            ops.AddRange((await store.KeysAsync(store.Layers.Kind, scope.Partition, EcrStore.DigestPrefix(name), cancellationToken).ConfigureAwait(false))
                .Select(key => store.Layers.Delete(scope.Partition, key, expectedVersion: null)));
            var (uploadIds, uploadDeletes) = await uploads.OfRepositoryAsync(scope, name, cancellationToken).ConfigureAwait(false);
            ops.AddRange(uploadDeletes);
            await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            uploads.DeleteFiles(uploadIds);
            return new DeleteRepositoryResponse { Repository = repository.Value.Repository };
        }).ConfigureAwait(false);
    }

    public async ValueTask<PutImageTagMutabilityResponse> PutImageTagMutability(
        RequestContext context, PutImageTagMutabilityRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var mutability = TagMutability(request.ImageTagMutability, request.ImageTagMutabilityExclusionFilters);
        await resolver.UpdateAsync(context, request.RegistryId, request.RepositoryName!,
            r => r with { Repository = r.Repository with { ImageTagMutability = mutability } }, cancellationToken).ConfigureAwait(false);
        return new PutImageTagMutabilityResponse { RegistryId = scope.AccountId, RepositoryName = request.RepositoryName, ImageTagMutability = mutability };
    }

    /// <summary>MUTABLE or IMMUTABLE; the exclusion-filter modes are refused rather than silently treated as either.</summary>
    private static string TagMutability(string? requested, List<ImageTagMutabilityExclusionFilter>? exclusions)
    {
        if (exclusions is { Count: > 0 } || requested is Aws.Generated.Ecr.ImageTagMutability.MutableWithExclusion or Aws.Generated.Ecr.ImageTagMutability.ImmutableWithExclusion)
        {
            throw EcrErrors.InvalidParameter("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Berth supports MUTABLE and IMMUTABLE only'");
        }

        return requested ?? Aws.Generated.Ecr.ImageTagMutability.Mutable;
    }

    /// <summary>AES256 by default, as ECR; KMS keys are refused, Berth has no KMS.</summary>
    private static EncryptionConfiguration Encryption(EncryptionConfiguration? requested)
    {
        if (requested is null || requested.EncryptionType == EncryptionType.Aes256 && requested.KmsKey is null)
        {
            return new EncryptionConfiguration { EncryptionType = EncryptionType.Aes256 };
        }

        throw requested.EncryptionType == EncryptionType.Aes256
            ? EcrErrors.InvalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'KMS key should not be provided with AES256 encryption type'")
            : EcrErrors.InvalidParameter($"Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'Berth supports encryption type AES256 only, not {requested.EncryptionType}'");
    }
}
