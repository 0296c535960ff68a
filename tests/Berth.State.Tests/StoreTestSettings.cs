namespace Berth.State.Tests;

/// <summary>Backend-neutral knobs a conformance test needs; each backend maps them onto its own options.</summary>
public sealed record StoreTestSettings(long ChangeRetention = 100_000, int TrimInterval = 1_000);
