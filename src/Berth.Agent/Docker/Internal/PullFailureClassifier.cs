using System.Net;

namespace Berth.Agent.Docker.Internal;

/// <summary>Reads a <see cref="PullFailure"/> from the engine's error text. The engine has no error codes for this,
/// only the registry client's messages, e.g. (Docker 20.10):
/// "manifest for 127.0.0.1:5055/missing:1 not found: manifest unknown: manifest unknown" (404),
/// "pull access denied for x, repository does not exist or may require 'docker login'",
/// "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io ...: no such host" (500).</summary>
internal static class PullFailureClassifier
{
    private static readonly string[] Unreachable =
    [
        "dial tcp", "no such host", "connection refused", "connection reset", "i/o timeout", "no route to host",
        "network is unreachable", "tls handshake timeout", "request canceled while waiting for connection",
        "server gave http response to https client", "x509:", ": eof", "unexpected eof",
    ];

    private static readonly string[] Denied =
    [
        "pull access denied", "unauthorized", "authentication required", "access denied", "denied:", "forbidden",
        "no basic auth credentials",
    ];

    private static readonly string[] NotFound = ["manifest unknown", "not found", "no such image", "name unknown"];

    public static PullFailure Classify(string message, HttpStatusCode? status)
    {
        // "pull access denied" is Docker Hub's answer for a repository that does not exist too; it stays AccessDenied,
        // which is what it says.
        if (ContainsAny(message, Denied) || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return PullFailure.AccessDenied;
        }

        if (ContainsAny(message, NotFound) || status == HttpStatusCode.NotFound)
        {
            return PullFailure.ImageNotFound;
        }

        return ContainsAny(message, Unreachable) ? PullFailure.RegistryUnreachable : PullFailure.Other;
    }

    private static bool ContainsAny(string message, string[] needles) =>
        needles.Any(n => message.Contains(n, StringComparison.OrdinalIgnoreCase));
}
