namespace Berth.Aws.Auth;

/// <summary>The parts of an HTTP request that SigV4 signs; Path and Query are raw (as on the wire, still percent-encoded), Query without '?'.</summary>
/// <remarks>Headers keep repeated names as separate entries, in arrival order: SigV4 joins repeated values with ','.</remarks>
public sealed record SigV4Request(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);
