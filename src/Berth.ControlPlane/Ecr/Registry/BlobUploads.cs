using Berth.ControlPlane.Ecr.Repositories;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Blob uploads into a repository and the links that give a repository its blobs, for both the registry and the
/// ECR layer API. An upload belongs to the repository it was started in; completing it verifies the digest, moves the bytes
/// into the shared <see cref="BlobStore"/> and links the blob to the repository in one step; a mismatch stores nothing.</summary>
public sealed class BlobUploads(EcrStore store, BlobStore blobs, RepositoryResolver resolver, TimeProvider time)
{
    public async ValueTask<Guid> StartAsync(ResourceScope scope, string repositoryName, CancellationToken cancellationToken)
    {
        await resolver.RequireAsync(scope, null, repositoryName, cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid();
        blobs.StartUpload(id);
        await store.Store.ApplyAsync([store.Uploads.Put(scope.Partition, Key(id), new StoredUpload(repositoryName, time.GetUtcNow()), 0)], cancellationToken)
            .ConfigureAwait(false);
        return id;
    }

    /// <summary>The bytes an upload has received, or UploadUnknown when it is not an upload of this repository.</summary>
    public async ValueTask<long> LengthAsync(ResourceScope scope, string repositoryName, Guid id, CancellationToken cancellationToken)
    {
        var upload = await store.Uploads.GetAsync(scope.Partition, Key(id), cancellationToken).ConfigureAwait(false);
        return upload?.Value.RepositoryName == repositoryName && blobs.UploadLength(id) is { } length ? length : throw UploadUnknown(id);
    }

    /// <summary>Appends a chunk; when the client says where it starts, that must be where the upload ends (RangeInvalid otherwise).</summary>
    public async ValueTask<long> AppendAsync(ResourceScope scope, string repositoryName, Guid id, Stream body, long? start, CancellationToken cancellationToken)
    {
        var length = await LengthAsync(scope, repositoryName, id, cancellationToken).ConfigureAwait(false);
        if (start is not null && start != length)
        {
            throw new RegistryException(RegistryError.RangeInvalid, $"The chunk starts at byte {start}, but the upload has {length} bytes.");
        }

        return await blobs.AppendAsync(id, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies and stores the upload as the blob it claims to be and links it to the repository; returns its size.</summary>
    public async ValueTask<long> CompleteAsync(ResourceScope scope, string repositoryName, Guid id, string digest, CancellationToken cancellationToken)
    {
        await LengthAsync(scope, repositoryName, id, cancellationToken).ConfigureAwait(false);
        var size = Digests.IsValid(digest) ? await blobs.CommitAsync(id, digest, cancellationToken).ConfigureAwait(false) : null;
        if (size is null)
        {
            blobs.DeleteUpload(id);
            await store.Store.ApplyAsync([store.Uploads.Delete(scope.Partition, Key(id), null)], cancellationToken).ConfigureAwait(false);
            throw new RegistryException(RegistryError.DigestInvalid, Digests.IsValid(digest)
                ? $"The uploaded content does not match the digest '{digest}'; nothing was stored."
                : $"'{digest}' is not a sha256 digest; nothing was stored.");
        }

        await store.Store.ApplyAsync(
            [
                store.Layers.Put(scope.Partition, EcrStore.DigestKey(repositoryName, digest), new StoredLayer(size.Value, time.GetUtcNow()), null),
                store.Uploads.Delete(scope.Partition, Key(id), null),
            ],
            cancellationToken).ConfigureAwait(false);
        return size.Value;
    }

    public async ValueTask CancelAsync(ResourceScope scope, string repositoryName, Guid id, CancellationToken cancellationToken)
    {
        await LengthAsync(scope, repositoryName, id, cancellationToken).ConfigureAwait(false);
        blobs.DeleteUpload(id);
        await store.Store.ApplyAsync([store.Uploads.Delete(scope.Partition, Key(id), null)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The size of a blob the repository has, or null.</summary>
    public async ValueTask<long?> FindAsync(ResourceScope scope, string repositoryName, string digest, CancellationToken cancellationToken)
    {
        if (!Digests.IsValid(digest))
        {
            return null;
        }

        var link = await store.Layers.GetAsync(scope.Partition, EcrStore.DigestKey(repositoryName, digest), cancellationToken).ConfigureAwait(false);
        return link is null ? null : blobs.SizeOf(digest);
    }

    /// <summary>Cross-repository mount: links a blob another repository of the same scope has, without copying it. False when
    /// the source does not have it.</summary>
    public async ValueTask<bool> MountAsync(ResourceScope scope, string repositoryName, string fromRepository, string digest, CancellationToken cancellationToken)
    {
        await resolver.RequireAsync(scope, null, repositoryName, cancellationToken).ConfigureAwait(false);
        if (!RepositoryNames.IsValid(fromRepository) || await FindAsync(scope, fromRepository, digest, cancellationToken).ConfigureAwait(false) is not { } size)
        {
            return false;
        }

        await store.Store.ApplyAsync(
            [store.Layers.Put(scope.Partition, EcrStore.DigestKey(repositoryName, digest), new StoredLayer(size, time.GetUtcNow()), null)],
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes a blob from a repository (the bytes stay while another repository links them); false when it had none.</summary>
    public async ValueTask<bool> UnlinkAsync(ResourceScope scope, string repositoryName, string digest, CancellationToken cancellationToken)
    {
        if (await FindAsync(scope, repositoryName, digest, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await store.Store.ApplyAsync([store.Layers.Delete(scope.Partition, EcrStore.DigestKey(repositoryName, digest), null)], cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    public string PathOf(string digest) => blobs.PathOf(digest);

    /// <summary>The uploads in progress into a repository: the ids and the deletes of their records (DeleteRepository's part).</summary>
    public async ValueTask<(List<Guid> Ids, List<WriteOp> Deletes)> OfRepositoryAsync(ResourceScope scope, string repositoryName, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        await foreach (var (key, upload) in store.Uploads.ScanKeyedAsync(scope.Partition, cancellationToken).ConfigureAwait(false))
        {
            if (upload.Value.RepositoryName == repositoryName && Guid.TryParseExact(key, "D", out var id))
            {
                ids.Add(id);
            }
        }

        return (ids, ids.Select(id => (WriteOp)store.Uploads.Delete(scope.Partition, Key(id), expectedVersion: null)).ToList());
    }

    /// <summary>Deletes the files of uploads whose records are gone.</summary>
    public void DeleteFiles(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            blobs.DeleteUpload(id);
        }
    }

    private static string Key(Guid id) => id.ToString("D");

    private static RegistryException UploadUnknown(Guid id) => new(RegistryError.UploadUnknown, $"Upload with id '{id:D}' is not found.");
}
