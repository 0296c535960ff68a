using Berth.EndToEnd.Tests.Infrastructure;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>Bad input is refused with ECS's exact error code and HTTP status, and nothing already stored changes.</summary>
public sealed class InvalidRequestTests(InvalidRequestFixture fixture) : IClassFixture<InvalidRequestFixture>
{
    [Theory]
    [MemberData(nameof(InvalidRequestCases.Labels), MemberType = typeof(InvalidRequestCases))]
    public async Task Request_InvalidInput_RejectedWithExactErrorAndNothingChanged(string label)
    {
        var expected = InvalidRequestCases.Find(label);
        var (run, results) = await fixture.OutcomesAsync();
        var outcome = results[label] ?? throw new XunitException($"The run reported nothing for '{label}'.\n\n{run.Describe()}");
        var context = $"{expected.Operation}({expected.Parameters})\nanswered: {outcome["result"]?.ToJsonString()}\n\n$ {run.CommandLine}";

        Assert.True(outcome.Str("result.error") == expected.Code, $"Expected {expected.Code}.\n{context}");
        Assert.True(outcome.Int("result.status") == expected.Status, $"Expected HTTP {expected.Status}.\n{context}");
        Assert.True(
            outcome.Str("result.message")?.Contains(expected.Message, StringComparison.Ordinal) == true,
            $"Expected the message to contain \"{expected.Message}\".\n{context}");
        Assert.True(
            outcome.At("unchanged")?.GetValue<bool>() == true,
            $"The refused request changed what is stored.\n{context}\nbefore: {outcome["before"]?.ToJsonString()}\nafter:  {outcome["after"]?.ToJsonString()}");
    }
}
