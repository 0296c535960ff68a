using System.Text;

namespace Berth.State.Tests;

/// <summary>Compares strings by their UTF-8 bytes, the key order every store promises (differs from UTF-16 ordinal above U+FFFF).</summary>
internal sealed class Utf8ByteComparer : IComparer<string>
{
    public static readonly Utf8ByteComparer Instance = new();

    public int Compare(string? x, string? y) =>
        Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
}
