using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Berth.ControlPlane.Identity;

/// <summary>Creates the data dir's credentials on first use and reads them afterwards; the file is readable by its owner only.</summary>
public static class CredentialFile
{
    public const string FileName = "credentials.json";

    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <param name="accountId">The account of a new data dir (random when null); ignored when the file exists.</param>
    public static AccountCredentials LoadOrCreate(string dataDir, string? accountId)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), IdentityJsonContext.Default.AccountCredentials)
                ?? throw new InvalidDataException($"{path} is empty.");
        }

        Directory.CreateDirectory(dataDir);
        var credentials = new AccountCredentials(
            accountId ?? RandomNumberGenerator.GetString("0123456789", 12),
            "AKIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16),
            RandomNumberGenerator.GetString(SecretAlphabet, 40));
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            // Relaxed escaping keeps a '+' in the secret readable for a human opening the file.
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                JsonSerializer.Serialize(writer, credentials, IdentityJsonContext.Default.AccountCredentials);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
        return credentials;
    }
}
