using System.Web;

namespace Berth.Agent.Tests.Docker.Fakes;

/// <summary>One request the client sent to the fake engine.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string? Body,
    Version HttpVersion)
{
    /// <summary>A query parameter, decoded; null when absent.</summary>
    public string? Query(string name) => HttpUtility.ParseQueryString(RawQuery)[name];

    public string PathAndQuery => Path + RawQuery;
}
