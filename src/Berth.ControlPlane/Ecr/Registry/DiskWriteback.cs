using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Linux's <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>: starts writing a file's dirty pages to disk without waiting
/// for them. A hint only: durability still comes from the fsync at commit, so a failure here is ignored.</summary>
public static class DiskWriteback
{
    private const uint SyncFileRangeWrite = 2;

    public static void Start(SafeFileHandle file, long offset, long length) => _ = SyncFileRange(file, offset, length, SyncFileRangeWrite);

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(SafeFileHandle fd, long offset, long length, uint flags);
}
