namespace Berth.State;

/// <summary>One page of a keyset-paginated listing; pass NextKey as <see cref="ListQuery.StartAfter"/> for the next page (null when there is none).</summary>
public sealed record DocumentPage(IReadOnlyList<StoredDocument> Items, string? NextKey);
