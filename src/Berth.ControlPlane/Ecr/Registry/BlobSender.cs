using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Sends a whole blob file as a response body, read straight into the response's own buffers in large pieces: Kestrel
/// has no sendfile, and its file fallback copies every byte twice in small pieces, which made a layer pull cost about twice
/// the CPU of the reference registry's.</summary>
public static class BlobSender
{
    /// <summary>Fewer, larger reads and flushes than this gained nothing measurable; smaller ones cost CPU.</summary>
    public const int ChunkBytes = 256 << 10;

    /// <summary>Reads are synchronous: a layer being pulled is mostly in the page cache, and an asynchronous file read on Linux
    /// is the same read handed to another thread pool thread.</summary>
    public static async Task SendAsync(HttpContext http, string path, string contentType)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(file);
        http.Response.ContentType = contentType;
        http.Response.ContentLength = length;
        http.Response.Headers.AcceptRanges = "bytes";
        var writer = http.Response.BodyWriter;
        for (long offset = 0; offset < length;)
        {
            var memory = writer.GetMemory(ChunkBytes);
            var read = RandomAccess.Read(file, memory.Span[..(int)Math.Min(memory.Length, length - offset)], offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"The blob file ended at byte {offset} of {length}.");
            }

            writer.Advance(read);
            offset += read;
            if ((await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false)) is { IsCanceled: true } or { IsCompleted: true })
            {
                return;
            }
        }
    }
}
