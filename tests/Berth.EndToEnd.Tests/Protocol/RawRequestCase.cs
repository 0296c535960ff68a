namespace Berth.EndToEnd.Tests.Protocol;

/// <summary>The answer a hand-made request must get; the request itself is defined under the same label in
/// <see cref="RawRequestFixture"/>'s python table.</summary>
/// <param name="Code">The <c>__type</c> of the error, or null for success.</param>
public sealed record RawRequestCase(string Label, int Status, string? Code, string Message);
