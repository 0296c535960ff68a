using System.Text.Json;
using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;

namespace Berth.Aws.Tests.Dispatch;

public sealed class AwsServiceBuilderTests
{
    [Fact]
    public void On_OperationNotInModel_Throws()
    {
        var builder = new AwsServiceBuilder(TestModels.Ecs, EcsJsonContext.Default);

        var error = Assert.Throws<ArgumentException>(() =>
            builder.On<ListClustersRequest, ListClustersResponse>("ListPizzas", (_, _, _) => ValueTask.FromResult(new ListClustersResponse())));

        Assert.StartsWith("ECS has no operation ListPizzas.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BindsOnlyTheOperationsGiven_WithTheDefaultDialect()
    {
        var service = new AwsServiceBuilder(TestModels.Ecs, EcsJsonContext.Default)
            .On<ListClustersRequest, ListClustersResponse>("ListClusters", (_, _, _) => ValueTask.FromResult(new ListClustersResponse()))
            .Build();

        Assert.Same(TestModels.Ecs, service.Model);
        Assert.Equal("ListClusters", Assert.Single(service.Handlers).Key);
        Assert.Equal("ValidationException", service.ValidationErrorCode);
    }

    [Fact]
    public async Task Handler_ValidatedDocument_IsBoundToTheTypedRequestAndItsResponseTyped()
    {
        ListClustersRequest? seen = null;
        var service = new AwsServiceBuilder(TestModels.Ecs, EcsJsonContext.Default) { ValidationErrorCode = "InvalidParameterException" }
            .On<ListClustersRequest, ListClustersResponse>("ListClusters", (_, request, _) =>
            {
                seen = request;
                return ValueTask.FromResult(new ListClustersResponse { NextToken = "n" });
            })
            .Build();
        using var input = JsonDocument.Parse("""{"maxResults": 7, "nextToken": "t"}""");
        var context = new RequestContext
        {
            Principal = new AuthenticatedPrincipal(new Credential("AKID", "secret", "123456789012", "arn:aws:iam::123456789012:root"), "eu-west-1", "ecs", DateTimeOffset.UnixEpoch),
            Operation = TestModels.Ecs.Operations["ListClusters"],
            RequestId = "r-1",
        };

        var result = await service.Handlers["ListClusters"](context, input.RootElement, CancellationToken.None);

        Assert.Equal(new ListClustersRequest { MaxResults = 7, NextToken = "t" }, seen);
        Assert.Equal(new ListClustersResponse { NextToken = "n" }, result.Value);
        Assert.Same(EcsJsonContext.Default.ListClustersResponse, result.TypeInfo);
        Assert.Equal("InvalidParameterException", service.ValidationErrorCode);
    }
}
