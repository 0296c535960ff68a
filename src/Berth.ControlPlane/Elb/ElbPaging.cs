using Berth.ControlPlane.Pagination;

namespace Berth.ControlPlane.Elb;

/// <summary>ELBv2's Marker/PageSize paging (at most <see cref="MaxPageSize"/> items a page) over store keys or list positions.</summary>
public static class ElbPaging
{
    public const int MaxPageSize = 400;

    public static int PageSize(int? pageSize) => pageSize is { } size
        ? size is >= 1 and <= MaxPageSize ? size : throw ElbErrors.Validation($"Page size must be between 1 and {MaxPageSize}")
        : MaxPageSize;

    /// <summary>The store key a marker continues after.</summary>
    public static string? After(string? marker) => NextToken.Decode(marker, ElbErrors.InvalidMarker);

    public static string? Marker(string? key) => NextToken.Encode(key);

    /// <summary>One page of an in-memory list, by position (for lists ordered by something other than store keys).</summary>
    public static (List<T> Items, string? NextMarker) Page<T>(IReadOnlyList<T> all, string? marker, int? pageSize)
    {
        var size = PageSize(pageSize);
        var start = After(marker) is { } after ? AttributeSet.Int(after) ?? throw ElbErrors.InvalidMarker() : 0;
        var items = all.Skip(start).Take(size).ToList();
        var end = start + items.Count;
        return (items, end < all.Count ? Marker(end.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
    }
}
