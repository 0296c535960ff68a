using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Agent.Host;

/// <summary>Who this agent is to the control plane: its container instance and that instance's own key.</summary>
public sealed record AgentIdentity(string Cluster, string ContainerInstanceArn, string AccessKeyId, string SecretAccessKey)
{
    [JsonIgnore]
    public AccessKey Key => new(AccessKeyId, SecretAccessKey);

    /// <summary>Keeps the secret out of logs.</summary>
    public override string ToString() => $"AgentIdentity {ContainerInstanceArn} ({AccessKeyId})";
}

/// <summary><c>identity.json</c> in the agent's data dir, readable by its owner only and replaced atomically, so a crash
/// mid-write never leaves a half identity.</summary>
public sealed class AgentIdentityFile(string dataDir)
{
    public const string FileName = "identity.json";

    public string Path => System.IO.Path.Combine(dataDir, FileName);

    /// <summary>The stored identity, or null when there is none or it cannot be read (the agent then registers anew).</summary>
    public AgentIdentity? Load()
    {
        try
        {
            return File.Exists(Path) ? JsonSerializer.Deserialize(File.ReadAllBytes(Path), AgentHostJsonContext.Default.AgentIdentity) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save(AgentIdentity identity)
    {
        Directory.CreateDirectory(dataDir);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, identity, AgentHostJsonContext.Default.AgentIdentity);
            stream.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, Path, overwrite: true);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AgentIdentity))]
internal sealed partial class AgentHostJsonContext : JsonSerializerContext;
