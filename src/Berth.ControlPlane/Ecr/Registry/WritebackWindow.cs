namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Which bytes of a file being appended to should start going to disk now: the stretch not yet handed out, once it
/// has grown to <see cref="Interval"/> bytes or the append is over. Writing back while the rest still arrives leaves the fsync
/// at commit little to wait for; left alone, the kernel would keep a whole layer in memory until that fsync.</summary>
/// <param name="interval">How many bytes to gather before starting their writeback.</param>
/// <param name="startedUpTo">Where the file ended when the append began (what came before was handed out then).</param>
public sealed class WritebackWindow(long interval, long startedUpTo)
{
    /// <summary>Large enough for few, large disk writes; small enough that a layer's last stretch is written back quickly.</summary>
    public const long DefaultInterval = 16L << 20;

    public long Interval { get; } = interval > 0 ? interval : throw new ArgumentOutOfRangeException(nameof(interval));

    /// <summary>The range to start writing back now that the file holds <paramref name="written"/> bytes, or null while fewer
    /// than <see cref="Interval"/> bytes wait (any when <paramref name="ended"/>, since no more are coming to join them).</summary>
    public (long Offset, long Length)? Next(long written, bool ended)
    {
        var waiting = written - startedUpTo;
        if (waiting <= 0 || (!ended && waiting < Interval))
        {
            return null;
        }

        var range = (startedUpTo, waiting);
        startedUpTo = written;
        return range;
    }
}
