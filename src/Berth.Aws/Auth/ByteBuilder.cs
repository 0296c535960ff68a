using System.Buffers;
using System.Text;

namespace Berth.Aws.Auth;

/// <summary>Appends bytes into a caller-supplied (usually stack) buffer and spills to a pooled array, so canonical requests are built without garbage.</summary>
/// <remarks>Callers must call <see cref="Dispose"/> (in a finally) to hand a spilled array back to the pool.</remarks>
internal ref struct ByteBuilder
{
    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    public ByteBuilder(Span<byte> initial)
    {
        _buffer = initial;
        _rented = null;
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }

    /// <summary>Appends text as UTF-8, the encoding SigV4 hashes.</summary>
    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (Ascii.IsValid(text))
        {
            if (_length + text.Length > _buffer.Length)
            {
                Grow(text.Length);
            }

            _length += Encoding.ASCII.GetBytes(text, _buffer[_length..]);
            return;
        }

        int count = Encoding.UTF8.GetByteCount(text);
        if (_length + count > _buffer.Length)
        {
            Grow(count);
        }

        _length += Encoding.UTF8.GetBytes(text, _buffer[_length..]);
    }

    /// <summary>Appends lowercase hex, the form SigV4 uses for hashes and signatures.</summary>
    public void AppendHex(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length * 2 > _buffer.Length)
        {
            Grow(bytes.Length * 2);
        }

        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        foreach (byte b in bytes)
        {
            _buffer[_length++] = digits[b >> 4];
            _buffer[_length++] = digits[b & 0xF];
        }
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow(int needed)
    {
        byte[] next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer[.._length].CopyTo(next);
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }

        _rented = next;
        _buffer = next;
    }
}
