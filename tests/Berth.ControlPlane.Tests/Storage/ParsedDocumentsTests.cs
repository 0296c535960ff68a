using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Tests.Storage;

/// <summary>A document is parsed once per version; a new version is parsed again; the capacity bounds what is kept.</summary>
public sealed class ParsedDocumentsTests
{
    private int parses;

    [Fact]
    public void TheSameVersion_IsParsedOnce_AndANewVersionAgain()
    {
        var parsed = new ParsedDocuments<string>(capacity: 10);

        var first = parsed.Get(Document("a", 1, "one"), Parse);
        var again = parsed.Get(Document("a", 1, "one"), Parse);
        var changed = parsed.Get(Document("a", 2, "two"), Parse);

        Assert.Same(first, again);
        Assert.Equal(("two", 2L), (changed.Value, changed.Version));
        Assert.Equal(2, parses);
    }

    [Fact]
    public void DocumentsOfOtherPartitions_AreKeptApart()
    {
        var parsed = new ParsedDocuments<string>(capacity: 10);

        parsed.Get(Document("a", 1, "here"), Parse);
        var elsewhere = parsed.Get(Document("a", 1, "there") with { Partition = "other" }, Parse);

        Assert.Equal("there", elsewhere.Value);
    }

    [Fact]
    public void AtCapacity_WhatWasKeptIsForgotten()
    {
        var parsed = new ParsedDocuments<string>(capacity: 2);
        parsed.Get(Document("a", 1, "a"), Parse);
        parsed.Get(Document("b", 1, "b"), Parse);

        parsed.Get(Document("c", 1, "c"), Parse);
        parsed.Get(Document("a", 1, "a"), Parse);

        Assert.Equal(4, parses);
    }

    private static StoredDocument Document(string key, long version, string body) => new("kind", "partition", key, version, body);

    private string Parse(StoredDocument document)
    {
        parses++;
        return document.Body;
    }
}
