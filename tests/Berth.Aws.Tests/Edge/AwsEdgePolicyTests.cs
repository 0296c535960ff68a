using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.Aws.Tests.Edge;

/// <summary>The edge asks every operation policy, after authentication and validation and before the handler.</summary>
public sealed class AwsEdgePolicyTests
{
    private const string Ecs = TestModels.EcsTargetPrefix + ".";

    [Fact]
    public async Task HandleAsync_PolicyRefuses_ItsErrorAndNoHandler()
    {
        var handlers = new FakeHandlers();
        var policy = new RecordingPolicy(refuse: true);
        await using var server = await EdgeServer.StartAsync([policy], handlers.Ecs());

        var response = await server.SendAsync(Ecs + "ListClusters", """{"maxResults": 10}""");

        Assert.Equal((400, "AccessDeniedException", "no"), (response.Status, response.Error.Type, response.Error.Message));
        Assert.Empty(handlers.Calls);
        var (operation, maxResults, baseUrl) = Assert.Single(policy.Seen);
        Assert.Equal(("ListClusters", 10), (operation, maxResults));
        Assert.Equal(server.Address.GetLeftPart(UriPartial.Authority), baseUrl);
    }

    [Fact]
    public async Task HandleAsync_PolicyAllows_HandlerRunsWithTheBaseUrl()
    {
        var handlers = new FakeHandlers();
        await using var server = await EdgeServer.StartAsync([new RecordingPolicy(refuse: false)], handlers.Ecs());

        var response = await server.SendAsync(Ecs + "ListClusters", "{}");

        Assert.Equal(200, response.Status);
        Assert.Equal(server.Address.GetLeftPart(UriPartial.Authority), Assert.Single(handlers.Calls).Context.BaseUrl);
    }

    private sealed class RecordingPolicy(bool refuse) : IOperationPolicy
    {
        public List<(string Operation, int? MaxResults, string? BaseUrl)> Seen { get; } = [];

        public void Authorize(AwsService service, RequestContext context, JsonElement input)
        {
            Seen.Add((context.Operation.Name, input.TryGetProperty("maxResults", out var max) ? max.GetInt32() : null, context.BaseUrl));
            if (refuse)
            {
                throw new AwsException("AccessDeniedException", "no");
            }
        }
    }
}
