using Berth.ControlPlane.Controllers;
using Berth.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Deletes abandoned uploads (registry blob uploads and ECR layer uploads alike): an upload untouched for
/// <see cref="EcrOptions.UploadPurgeAge"/> loses its record, its file and its running hash; an upload file without a record
/// (a crash between the two) goes once it is as old. At start, then every <see cref="Interval"/>.</summary>
/// <remarks>An upload is touched when it starts and whenever bytes are appended (its file is written), so a slow chunked push
/// is never cut off while it makes progress. A file written while the sweep runs is young and stays.</remarks>
public sealed partial class UploadSweeper(EcrStore store, BlobStore blobs, EcrOptions options, TimeProvider time, ILogger<UploadSweeper> logger)
    : PeriodicSweeper(Interval, "Sweeping abandoned registry uploads", time, logger, sweepAtStart: true)
{
    /// <summary>Uploads live a week; looking every hour keeps leftovers from piling up without costing anything.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async ValueTask SweepOnceAsync(CancellationToken cancellationToken)
    {
        if (await SweepAsync(cancellationToken).ConfigureAwait(false) is var deleted and > 0)
        {
            LogDeleted(logger, deleted);
        }
    }

    /// <summary>One sweep over every account and region; returns how many uploads (with or without a record) it deleted.</summary>
    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow() - options.UploadPurgeAge;
        var files = blobs.ListUploads().ToDictionary(file => file.Id, file => file.WrittenAt);
        var recorded = new HashSet<Guid>();
        var deleted = 0;
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Uploads.Kind, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var (key, upload) in store.Uploads.ScanKeyedAsync(partition, cancellationToken).ConfigureAwait(false))
            {
                if (!Guid.TryParseExact(key, "D", out var id))
                {
                    continue;
                }

                recorded.Add(id);
                var touched = files.TryGetValue(id, out var written) && written > upload.Value.StartedAt ? written : upload.Value.StartedAt;
                if (touched < cutoff && await DeleteRecordAsync(partition, key, upload.Version, cancellationToken).ConfigureAwait(false))
                {
                    blobs.DeleteUpload(id);
                    deleted++;
                }
            }
        }

        foreach (var (id, _) in files.Where(file => file.Value < cutoff && !recorded.Contains(file.Key)))
        {
            blobs.DeleteUpload(id);
            deleted++;
        }

        return deleted;
    }

    /// <summary>False when the upload changed or went since it was read (completed or cancelled meanwhile).</summary>
    private async ValueTask<bool> DeleteRecordAsync(string partition, string key, long version, CancellationToken cancellationToken)
    {
        try
        {
            await store.Store.ApplyAsync([store.Uploads.Delete(partition, key, version)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned registry uploads")]
    private static partial void LogDeleted(ILogger logger, int count);
}
