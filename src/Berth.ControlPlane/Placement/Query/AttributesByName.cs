using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Berth.ControlPlane.Placement.Query;

/// <summary>An instance's attributes by name, searched in place in the list as stored (the first of a repeated name wins):
/// facts are built for every instance of every snapshot and asked about a few names each, so building a dictionary
/// would cost more than the lookups it saves.</summary>
internal sealed class AttributesByName(List<Berth.Aws.Generated.Ecs.Attribute> attributes) : IReadOnlyDictionary<string, string?>
{
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Name == key)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public int Count => Pairs.Count();

    public IEnumerable<string> Keys => Pairs.Select(pair => pair.Key);

    public IEnumerable<string?> Values => Pairs.Select(pair => pair.Value);

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => Pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<KeyValuePair<string, string?>> Pairs =>
        attributes.DistinctBy(a => a.Name, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Name!, a.Value));
}
