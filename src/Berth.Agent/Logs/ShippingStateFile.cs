using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Agent.Logs;

/// <summary>The durable <see cref="ShippingState"/> of each container, <c>&lt;data-dir&gt;/logs/&lt;container id&gt;.json</c>, replaced
/// atomically and flushed to disk, so a crash leaves the old state or the new one.</summary>
public sealed class ShippingStateFile(string dataDir)
{
    private readonly string _directory = Path.Combine(dataDir, "logs");

    /// <summary>The stored state; a missing or unreadable file is "nothing shipped yet".</summary>
    public ShippingState Load(string containerId)
    {
        var path = PathOf(containerId);
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize(File.ReadAllBytes(path), ShippingJsonContext.Default.ShippingState) ?? Nothing
                : Nothing;
        }
        catch (JsonException)
        {
            return Nothing;
        }
    }

    public void Save(string containerId, ShippingState state)
    {
        Directory.CreateDirectory(_directory);
        var path = PathOf(containerId);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, state, ShippingJsonContext.Default.ShippingState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Forgets the containers not in <paramref name="keep"/> (removed while the agent was away).</summary>
    public void Prune(IReadOnlySet<string> keep)
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_directory, "*.json"))
        {
            if (!keep.Contains(Path.GetFileNameWithoutExtension(file)))
            {
                File.Delete(file);
            }
        }
    }

    public void Delete(string containerId) => File.Delete(PathOf(containerId));

    private static ShippingState Nothing => new(null, null);

    /// <summary>Container ids are hex; anything else is refused rather than becoming a path.</summary>
    private string PathOf(string containerId) =>
        containerId.Length > 0 && containerId.All(char.IsAsciiHexDigit)
            ? Path.Combine(_directory, containerId + ".json")
            : throw new ArgumentException($"{containerId} is not a container id.", nameof(containerId));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShippingState))]
internal sealed partial class ShippingJsonContext : JsonSerializerContext;
