using System.Security.Cryptography;
using System.Text;

namespace Berth.Agent.Logs;

/// <summary>Recognises a batch at the end of its stream: a SHA-256 over each event's millisecond timestamp and message.</summary>
public static class BatchDigest
{
    public static string Of(IEnumerable<(DateTimeOffset Timestamp, string Message)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (timestamp, message) in events)
        {
            hash.AppendData(BitConverter.GetBytes(timestamp.ToUnixTimeMilliseconds()));
            var bytes = Encoding.UTF8.GetBytes(message);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
