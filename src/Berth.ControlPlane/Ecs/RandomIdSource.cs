using System.Security.Cryptography;

namespace Berth.ControlPlane.Ecs;

/// <summary>Ids from the cryptographic random generator: 128 bits, so ids never collide across clusters or restarts.</summary>
public sealed class RandomIdSource : IIdSource
{
    public string NewId() => RandomNumberGenerator.GetHexString(32, lowercase: true);
}
