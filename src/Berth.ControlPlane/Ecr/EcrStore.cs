using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Ecr;

/// <summary>The ECR documents in the store. Keys start with the repository name and a separator a name never contains
/// ('@' before a digest, ':' before a tag), so one repository's documents list together and never mix with another's.</summary>
public sealed class EcrStore(IStore store)
{
    public IStore Store => store;

    /// <summary>Keyed by repository name.</summary>
    public DocumentCollection<StoredRepository> Repositories { get; } = new(store, "ecr.repository", EcrStoredJsonContext.Default.StoredRepository);

    /// <summary>Keyed by <see cref="DigestKey"/>.</summary>
    public DocumentCollection<StoredImage> Images { get; } = new(store, "ecr.image", EcrStoredJsonContext.Default.StoredImage);

    /// <summary>Keyed by <see cref="TagKey"/>.</summary>
    public DocumentCollection<StoredTag> Tags { get; } = new(store, "ecr.image-tag", EcrStoredJsonContext.Default.StoredTag);

    /// <summary>Keyed by <see cref="DigestKey"/>: the blobs a repository may use.</summary>
    public DocumentCollection<StoredLayer> Layers { get; } = new(store, "ecr.layer", EcrStoredJsonContext.Default.StoredLayer);

    /// <summary>Keyed by upload id.</summary>
    public DocumentCollection<StoredUpload> Uploads { get; } = new(store, "ecr.upload", EcrStoredJsonContext.Default.StoredUpload);

    /// <summary>Every key of a kind under a prefix (what deleting a repository removes).</summary>
    public async ValueTask<List<string>> KeysAsync(string kind, string partition, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? after = null;
        do
        {
            var page = await store.ListAsync(kind, partition, new ListQuery { KeyPrefix = prefix, StartAfter = after, Limit = 500 }, cancellationToken)
                .ConfigureAwait(false);
            keys.AddRange(page.Items.Select(d => d.Key));
            after = page.NextKey;
        }
        while (after is not null);
        return keys;
    }

    public static string DigestKey(string repository, string digest) => $"{repository}@{digest}";

    public static string DigestPrefix(string repository) => repository + "@";

    public static string TagKey(string repository, string tag) => $"{repository}:{tag}";

    public static string TagPrefix(string repository) => repository + ":";
}
