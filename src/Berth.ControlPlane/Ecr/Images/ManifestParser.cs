using System.Text.Json;

namespace Berth.ControlPlane.Ecr.Images;

/// <summary>Checks a pushed manifest before anything is stored: size, media type (the Content-Type, or the manifest's own
/// mediaType when none is given; the two must agree), schema version 2, and well-formed descriptors.</summary>
public static class ManifestParser
{
    /// <summary>ECR's and the distribution registry's limit.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public static ParsedManifest Parse(ReadOnlySpan<byte> body, string? declaredMediaType)
    {
        if (body.Length > MaxManifestBytes)
        {
            throw new RegistryException(RegistryError.ManifestTooLarge, $"The manifest is {body.Length} bytes; the limit is {MaxManifestBytes} bytes.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            throw Invalid("Invalid JSON syntax");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The manifest is not a JSON object");
            }

            var ownMediaType = OptionalString(root, "mediaType");
            var declared = string.IsNullOrEmpty(declaredMediaType) ? null : declaredMediaType;
            var mediaType = declared ?? ownMediaType ?? throw Invalid("The manifest has no media type");
            if (!ManifestMediaTypes.IsSupported(mediaType))
            {
                throw new RegistryException(RegistryError.MediaTypeUnsupported, $"Unsupported manifest media type '{mediaType}'");
            }

            if (ownMediaType is not null && ownMediaType != mediaType)
            {
                throw Invalid($"The manifest's mediaType '{ownMediaType}' does not match its Content-Type '{mediaType}'");
            }

            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
            {
                throw Invalid("schemaVersion must be 2");
            }

            var digest = Digests.Of(body);
            if (ManifestMediaTypes.IsIndex(mediaType))
            {
                var children = Descriptors(root, "manifests").Select(d => d.Digest).ToList();
                return new ParsedManifest(digest, mediaType, null, [], children, 0);
            }

            if (!root.TryGetProperty("config", out var config))
            {
                throw Invalid("An image manifest needs a config");
            }

            var configDescriptor = Descriptor(config, "config");
            var layers = Descriptors(root, "layers");
            var blobs = layers.Select(l => l.Digest).Prepend(configDescriptor.Digest).Distinct(StringComparer.Ordinal).ToList();
            return new ParsedManifest(digest, mediaType, configDescriptor.MediaType, blobs, [], layers.Sum(l => l.Size));
        }
    }

    private static List<(string Digest, string? MediaType, long Size)> Descriptors(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{property}' must be a list of descriptors");
        }

        return list.EnumerateArray().Select((d, i) => Descriptor(d, $"{property}[{i}]")).ToList();
    }

    private static (string Digest, string? MediaType, long Size) Descriptor(JsonElement descriptor, string path)
    {
        if (descriptor.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{path} is not a descriptor");
        }

        var digest = OptionalString(descriptor, "digest");
        if (!Digests.IsValid(digest))
        {
            throw Invalid($"{path} has an invalid digest '{digest}'");
        }

        if (!descriptor.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes < 0)
        {
            throw Invalid($"{path} has no valid size");
        }

        return (digest!, OptionalString(descriptor, "mediaType"), bytes);
    }

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static RegistryException Invalid(string reason) => new(RegistryError.ManifestInvalid, $"Invalid parameter at 'imageManifest' failed to satisfy constraint: '{reason}'");
}
