using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;

namespace Berth.Aws.Tests.Edge;

/// <summary>Handlers for a few ECS and Sample operations that record every call; the rest of each model stays unbound.</summary>
internal sealed class FakeHandlers
{
    /// <summary>What the DescribeClusters handler's exception says; it must never reach the client.</summary>
    public const string InternalDetail = "connection string Password=hunter2 failed";

    public ConcurrentQueue<(RequestContext Context, object Request)> Calls { get; } = new();

    /// <summary>
    /// ListClusters and RegisterTaskDefinition answer; DescribeClusters throws a plain exception; DeleteCluster throws
    /// ClusterNotFoundException; UpdateCluster throws a 409 with extra members. Everything else is not implemented.
    /// </summary>
    public AwsService Ecs() =>
        new AwsServiceBuilder(TestModels.Ecs, EcsJsonContext.Default) { ValidationErrorCode = "InvalidParameterException" }
            .On<ListClustersRequest, ListClustersResponse>("ListClusters", (context, request, _) =>
            {
                Calls.Enqueue((context, request));
                return ValueTask.FromResult(new ListClustersResponse { ClusterArns = ["arn:aws:ecs:us-east-1:123456789012:cluster/default"], NextToken = request.NextToken });
            })
            .On<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>("RegisterTaskDefinition", (context, request, _) =>
            {
                Calls.Enqueue((context, request));
                return ValueTask.FromResult(new RegisterTaskDefinitionResponse { TaskDefinition = new TaskDefinition { Family = request.Family, Revision = 1 } });
            })
            .On<DescribeClustersRequest, DescribeClustersResponse>("DescribeClusters", (context, request, _) =>
            {
                Calls.Enqueue((context, request));
                throw new InvalidOperationException(InternalDetail);
            })
            .On<DeleteClusterRequest, DeleteClusterResponse>("DeleteCluster", (context, request, _) =>
            {
                Calls.Enqueue((context, request));
                throw new AwsException("ClusterNotFoundException", "Cluster not found.");
            })
            .On<UpdateClusterRequest, UpdateClusterResponse>("UpdateCluster", (context, request, _) =>
            {
                Calls.Enqueue((context, request));
                throw new AwsException("UpdateInProgressException", "An update is in progress.", 409)
                {
                    Extra = new Dictionary<string, object?> { ["resourceIds"] = new[] { request.Cluster! } },
                };
            })
            .Build();

    /// <summary>The Sample service keeps the default validation error code; PutThing echoes its input.</summary>
    public AwsService Sample() =>
        new AwsServiceBuilder(TestModels.Sample, EchoJsonContext.Default)
            .On<JsonElement, JsonElement>("PutThing", (context, request, _) =>
            {
                Calls.Enqueue((context, request));
                return ValueTask.FromResult(request);
            })
            .Build();
}
