using Berth.EndToEnd.Tests.Infrastructure;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Protocol;

/// <summary>Requests a well-behaved SDK never sends — bad signatures, stale clocks, broken bodies, unknown targets —
/// get AWS's error code and HTTP status, and change nothing.</summary>
public sealed class RawRequestTests(RawRequestFixture fixture) : IClassFixture<RawRequestFixture>
{
    private const string SignatureMismatch = "The request signature we calculated does not match the signature you provided.";
    private const string InvalidToken = "The security token included in the request is invalid.";

    private static readonly RawRequestCase[] Cases =
    [
        new("control: a correctly signed request", 200, null, ""),
        new("signed with the wrong secret", 400, "InvalidSignatureException", SignatureMismatch),
        new("unknown access key", 400, "UnrecognizedClientException", InvalidToken),
        new("no Authorization header", 400, "MissingAuthenticationTokenException", "Missing Authentication Token"),
        new("Authorization header without a signature", 400, "IncompleteSignatureException", "'Signature'"),
        new("X-Amz-Date 20 minutes in the past", 400, "InvalidSignatureException", "Signature expired"),
        new("X-Amz-Date 20 minutes in the future", 400, "InvalidSignatureException", "Signature not yet current"),
        new("credential scoped to another service", 400, "InvalidSignatureException", "Credential should be scoped to correct service: 'ecs'"),
        new("malformed JSON body", 400, "SerializationException", ""),
        new("JSON array as the body", 400, "SerializationException", ""),
        new("clusterName of the wrong JSON type", 400, "SerializationException", "clusterName"),
        new("unknown ECS operation", 400, "UnknownOperationException", "CreateClusterNow"),
        new("unknown target prefix", 400, "UnknownOperationException", ""),
        new("operation not implemented", 501, "NotImplemented", "CreateTaskSet"),
        new("boto3 client with the wrong secret", 400, "InvalidSignatureException", SignatureMismatch),
        new("boto3 client with an unknown access key", 400, "UnrecognizedClientException", InvalidToken),
    ];

    public static TheoryData<string> Labels => new(Cases.Select(c => c.Label));

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task Request_MalformedOrBadlySigned_ExactErrorAndNothingChanged(string label)
    {
        var expected = Cases.Single(c => c.Label == label);
        var (run, results) = await fixture.OutcomesAsync();
        var outcome = results[label] ?? throw new XunitException($"The run reported nothing for '{label}'.\n\n{run.Describe()}");
        var context = $"answered: {outcome["result"]?.ToJsonString()}\n\n$ {run.CommandLine}";

        Assert.True(outcome.Int("result.status") == expected.Status, $"Expected HTTP {expected.Status}.\n{context}");
        Assert.True(outcome.Str("result.error") == expected.Code, $"Expected error {expected.Code ?? "none"}.\n{context}");
        Assert.True(
            outcome.Str("result.message") is not { } message ? expected.Message.Length == 0 : message.Contains(expected.Message, StringComparison.Ordinal),
            $"Expected the message to contain \"{expected.Message}\".\n{context}");
        Assert.True(outcome.At("unchanged")?.GetValue<bool>() == true, $"The request changed what is stored: {outcome["after"]?.ToJsonString()}\n{context}");
    }
}
