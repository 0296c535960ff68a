using System.Text;
using System.Text.Json;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker.Internal;

/// <summary>Builds a path with query parameters, escaped; <see cref="Filters"/> writes Docker's JSON filter map.</summary>
internal sealed class QueryString(string path)
{
    private readonly StringBuilder builder = new(path);
    private bool first = true;

    public QueryString Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        builder.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        first = false;
        return this;
    }

    public QueryString Add(string name, bool value) => Add(name, value ? "1" : "0");

    /// <summary><c>filters={"label":["a=b"],"type":["container"]}</c>; names without values are left out.</summary>
    public QueryString Filters(Dictionary<string, List<string>> filters)
    {
        var present = filters.Where(f => f.Value.Count > 0).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return present.Count == 0 ? this : Add("filters", JsonSerializer.Serialize(present, DockerJsonContext.Default.DictionaryStringListString));
    }

    public override string ToString() => builder.ToString();
}
