using System.Collections.Concurrent;

namespace Berth.Aws.Auth;

/// <summary>
/// Remembers derived signing keys per (secret, scope): deriving one costs four HMACs, and a client reuses its
/// key for every request of a day, so the hot path does one dictionary lookup instead.
/// </summary>
/// <remarks>
/// Thread-safe. Bounded crudely: when full it is emptied and refills from live traffic, which is cheaper and
/// simpler than LRU bookkeeping on every hit. Entries only come from keys that passed the credential lookup.
/// </remarks>
internal sealed class SigningKeyCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Secret, string Scope), byte[]> _keys = new();

    /// <summary>The signing key for <paramref name="scope"/> ("date/region/service/aws4_request").</summary>
    public byte[] Get(string secretAccessKey, string scope)
    {
        var id = (secretAccessKey, scope);
        if (_keys.TryGetValue(id, out byte[]? key))
        {
            return key;
        }

        key = SigV4Canonical.DeriveSigningKey(secretAccessKey, scope);
        if (_keys.Count >= capacity)
        {
            _keys.Clear();
        }

        _keys[id] = key;
        return key;
    }
}
