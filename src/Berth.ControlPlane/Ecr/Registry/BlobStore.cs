using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Content-addressed blobs on disk (<c>blobs/sha256/ab/&lt;hex&gt;</c>), shared by every repository, and the upload files
/// they are written through. A blob appears under its digest only after its bytes were verified and flushed to disk and the
/// upload file renamed onto it, so a crash mid-upload never leaves a blob whose bytes do not match its name. Upload bytes start
/// going to disk while they arrive (<see cref="WritebackWindow"/>), so that the flush at commit has little left to wait for.</summary>
public sealed class BlobStore
{
    private readonly string blobs;
    private readonly string uploads;
    private readonly long writebackInterval;

    /// <summary>The SHA-256 of each upload so far, kept as its bytes arrive so that completing it needs no second read. An
    /// upload without one (this process restarted since it began, or a chunk failed) is hashed from its file at commit.</summary>
    private readonly ConcurrentDictionary<Guid, RunningHash> hashes = new();

    /// <param name="writebackInterval">How many received bytes to gather before starting their writeback.</param>
    public BlobStore(string root, long writebackInterval = WritebackWindow.DefaultInterval)
    {
        blobs = Path.Combine(root, "blobs", "sha256");
        uploads = Path.Combine(root, "uploads");
        this.writebackInterval = writebackInterval;
        Directory.CreateDirectory(blobs);
        Directory.CreateDirectory(uploads);
    }

    /// <summary>The size of a stored blob, or null when there is none.</summary>
    public long? SizeOf(string digest)
    {
        var file = new FileInfo(PathOf(digest));
        return file.Exists ? file.Length : null;
    }

    /// <param name="digest">A digest <see cref="Digests.IsValid"/> accepts (it names the file).</param>
    public string PathOf(string digest)
    {
        var hex = Digests.Hex(digest);
        return Path.Combine(blobs, hex[..2], hex);
    }

    public void StartUpload(Guid id)
    {
        File.Create(UploadPath(id)).Dispose();
        hashes[id] = new RunningHash(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0);
    }

    /// <summary>The bytes received so far, or null when the upload does not exist.</summary>
    public long? UploadLength(Guid id)
    {
        var file = new FileInfo(UploadPath(id));
        return file.Exists ? file.Length : null;
    }

    /// <summary>Appends a body to an upload, hashing it on the way when the upload's hash is current; returns the new length.</summary>
    public async Task<long> AppendAsync(Guid id, Stream body, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(UploadPath(id), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);

        // Taken out while the chunk is written: a failed or concurrent append leaves no hash, and the commit reads the file.
        var running = TakeHash(id, file.Length);
        var writeback = new WritebackWindow(writebackInterval, file.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                running?.Hash.AppendData(buffer, 0, read);
                await StartWritebackAsync(file, writeback.Next(file.Length, ended: false), cancellationToken).ConfigureAwait(false);
            }

            await StartWritebackAsync(file, writeback.Next(file.Length, ended: true), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            running?.Hash.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (running is not null)
        {
            hashes[id] = running with { Length = file.Length };
        }

        return file.Length;
    }

    /// <summary>Verifies an upload against the digest it claims and moves it into place; a mismatch deletes the upload and
    /// stores nothing. Returns the blob's size, or null on a mismatch.</summary>
    public async Task<long?> CommitAsync(Guid id, string digest, CancellationToken cancellationToken)
    {
        var upload = UploadPath(id);
        long size;
        await using (var file = new FileStream(upload, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
        {
            size = file.Length;
            using var running = TakeHash(id, size)?.Hash;
            var hash = running?.GetHashAndReset() ?? await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            var actual = Digests.Sha256Prefix + Convert.ToHexStringLower(hash);
            if (!string.Equals(actual, digest, StringComparison.Ordinal))
            {
                file.Close();
                File.Delete(upload);
                return null;
            }

            file.Flush(flushToDisk: true);
        }

        // Also when the same bytes are already stored: the rename makes the blob new again, so the garbage collector, which
        // spares young blobs, cannot delete it between this commit and the link the caller writes next.
        var target = PathOf(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(upload, target, overwrite: true);
        return size;
    }

    public void DeleteUpload(Guid id)
    {
        TakeHash(id, -1);
        File.Delete(UploadPath(id));
    }

    /// <summary>Every upload file named by an upload id, and when it was last written (started or appended to).</summary>
    public IEnumerable<(Guid Id, DateTimeOffset WrittenAt)> ListUploads() =>
        Directory.EnumerateFiles(uploads)
            .Select(path => (Named: Guid.TryParseExact(Path.GetFileName(path), "D", out var id), Id: id, Path: path))
            .Where(upload => upload.Named)
            .Select(upload => (upload.Id, new DateTimeOffset(File.GetLastWriteTimeUtc(upload.Path), TimeSpan.Zero)));

    /// <summary>Every stored blob's digest and when its file was last written (committed).</summary>
    public IEnumerable<(string Digest, DateTimeOffset WrittenAt)> List() =>
        Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories)
            .Select(path => (Digest: Digests.Sha256Prefix + Path.GetFileName(path), Path: path))
            .Where(blob => Digests.IsValid(blob.Digest))
            .Select(blob => (blob.Digest, new DateTimeOffset(File.GetLastWriteTimeUtc(blob.Path), TimeSpan.Zero)));

    /// <summary>When a blob's file was last written, or null when there is none.</summary>
    public DateTimeOffset? WrittenAt(string digest)
    {
        var file = new FileInfo(PathOf(digest));
        return file.Exists ? new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) : null;
    }

    public void Delete(string digest) => File.Delete(PathOf(digest));

    /// <summary>The upload's running hash when it covers exactly <paramref name="length"/> bytes (else it is dropped).</summary>
    private RunningHash? TakeHash(Guid id, long length)
    {
        if (!hashes.TryRemove(id, out var running))
        {
            return null;
        }

        if (running.Length == length)
        {
            return running;
        }

        running.Hash.Dispose();
        return null;
    }

    /// <summary>Hands the range's bytes, the file's buffer first, to the kernel and has it start writing them to disk.</summary>
    private static async Task StartWritebackAsync(FileStream file, (long Offset, long Length)? range, CancellationToken cancellationToken)
    {
        if (range is { } due)
        {
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            DiskWriteback.Start(file.SafeFileHandle, due.Offset, due.Length);
        }
    }

    private string UploadPath(Guid id) => Path.Combine(uploads, id.ToString("D"));

    private sealed record RunningHash(IncrementalHash Hash, long Length);
}
