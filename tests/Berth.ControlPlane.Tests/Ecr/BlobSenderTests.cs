using Berth.ControlPlane.Ecr.Registry;
using Microsoft.AspNetCore.Http;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>A blob goes out whole and unchanged, its length announced, whether it fills no, one or several read chunks.</summary>
public sealed class BlobSenderTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "berth-blob-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(BlobSender.ChunkBytes)]
    [InlineData((2 * BlobSender.ChunkBytes) + 12_345)]
    public async Task Send_WritesTheWholeFileAndItsLength(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        await File.WriteAllBytesAsync(path, content);
        using var body = new MemoryStream();
        var http = new DefaultHttpContext { Response = { Body = body } };

        await BlobSender.SendAsync(http, path, "application/octet-stream");
        await http.Response.BodyWriter.FlushAsync();

        Assert.Equal(content, body.ToArray());
        Assert.Equal(size, http.Response.ContentLength);
        Assert.Equal("application/octet-stream", http.Response.ContentType);
        Assert.Equal("bytes", http.Response.Headers.AcceptRanges);
    }

    public void Dispose() => File.Delete(path);
}
