using System.Security.Cryptography;

namespace Berth.ControlPlane.Ecr.Auth;

/// <summary>The key registry passwords are signed with: created on first start in the data dir (owner-only), so passwords
/// stay valid across restarts and no other server can mint them.</summary>
public static class RegistryTokenKey
{
    public const string FileName = "registry-token.key";

    private const int KeyBytes = 32;

    public static byte[] LoadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            return existing.Length == KeyBytes ? existing : throw new InvalidDataException($"{path} does not hold a {KeyBytes}-byte key.");
        }

        Directory.CreateDirectory(dataDir);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(key);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
        return key;
    }
}
