using System.Text;
using Berth.ControlPlane.Ecr.Images;
using Berth.State;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Garbage collection of the shared blob store: deletes the blobs no manifest of any repository (in any account or
/// region) references, with the repository links that still name them.</summary>
/// <remarks>A push uploads its blobs first and its manifest last, so a blob is unreferenced for a while before it is used. Only
/// blobs whose file and every link are older than <see cref="GracePeriod"/> are collected; a commit rewrites the file even when
/// the bytes were already stored, so a blob being pushed again is young again. Uploads in progress are separate files
/// (<see cref="BlobStore"/>'s uploads directory) and are never touched here.</remarks>
public sealed class BlobCollector(EcrStore store, BlobStore blobs, TimeProvider time)
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromHours(1);

    /// <returns>The digests of the blobs deleted.</returns>
    public async ValueTask<List<string>> CollectAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - GracePeriod;
        var referenced = await ReferencedAsync(cancellationToken).ConfigureAwait(false);
        var links = await LinksAsync(cancellationToken).ConfigureAwait(false);
        var collected = new List<string>();
        foreach (var (digest, writtenAt) in blobs.List().ToList())
        {
            var blobLinks = links.GetValueOrDefault(digest) ?? [];
            if (referenced.Contains(digest) || writtenAt >= cutoff || blobLinks.Any(l => l.LinkedAt >= cutoff))
            {
                continue;
            }

            if (blobLinks.Count > 0)
            {
                await store.Store.ApplyAsync(blobLinks.Select(l => (WriteOp)store.Layers.Delete(l.Partition, l.Key, expectedVersion: null)).ToList(), cancellationToken)
                    .ConfigureAwait(false);
            }

            // Written again since it was listed (a push of the same bytes): it is young and stays.
            if (blobs.WrittenAt(digest) is { } written && written < cutoff)
            {
                blobs.Delete(digest);
                collected.Add(digest);
            }
        }

        return collected;
    }

    /// <summary>The blobs (configs and layers) the manifests of every repository reference.</summary>
    private async ValueTask<HashSet<string>> ReferencedAsync(CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Images.Kind, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var image in store.Images.ScanAsync(partition, null, cancellationToken).ConfigureAwait(false))
            {
                referenced.UnionWith(ManifestParser.Parse(Encoding.UTF8.GetBytes(image.Value.Manifest), image.Value.MediaType).Blobs);
            }
        }

        return referenced;
    }

    /// <summary>The repository links (<c>ecr.layer</c> documents) of each blob.</summary>
    private async ValueTask<Dictionary<string, List<(string Partition, string Key, DateTimeOffset LinkedAt)>>> LinksAsync(CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, List<(string Partition, string Key, DateTimeOffset LinkedAt)>>(StringComparer.Ordinal);
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Layers.Kind, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var (key, link) in store.Layers.ScanKeyedAsync(partition, cancellationToken).ConfigureAwait(false))
            {
                var digest = key[(key.LastIndexOf('@') + 1)..];
                links.TryAdd(digest, []);
                links[digest].Add((partition, key, link.Value.LinkedAt));
            }
        }

        return links;
    }
}
