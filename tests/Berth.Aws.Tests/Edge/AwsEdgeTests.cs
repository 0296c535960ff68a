using System.Text;
using Berth.Aws.Auth;
using Berth.Aws.Edge;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;
using Microsoft.Extensions.Logging;

namespace Berth.Aws.Tests.Edge;

/// <summary>The edge end to end over HTTP: routing, authentication, validation, dispatch and every kind of error answer.</summary>
public sealed class AwsEdgeTests : IAsyncLifetime
{
    private const string Ecs = TestModels.EcsTargetPrefix + ".";
    private const string EcsJson = "application/x-amz-json-1.1";

    private readonly FakeHandlers handlers = new();
    private EdgeServer? server;

    private EdgeServer Server => server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync() => server = await EdgeServer.StartAsync(handlers.Ecs(), handlers.Sample());

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task HandleAsync_SignedRequest_RunsHandlerWithCallerAndAnswers200()
    {
        var response = await Server.SendAsync(Ecs + "ListClusters", """{"maxResults": 10, "nextToken": "abc"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(EcsJson, response.ContentType);
        Assert.Equal("""{"clusterArns":["arn:aws:ecs:us-east-1:123456789012:cluster/default"],"nextToken":"abc"}""", response.Body);
        var (context, request) = Assert.Single(handlers.Calls);
        Assert.Equal(10, ((ListClustersRequest)request).MaxResults);
        Assert.Equal("ListClusters", context.Operation.Name);
        Assert.Equal(("123456789012", "us-east-1", "arn:aws:iam::123456789012:user/alice"), (context.AccountId, context.Region, context.PrincipalArn));
        Assert.Equal(EdgeServer.Now, context.Principal.SignedAt);
        Assert.True(Guid.TryParse(response.RequestId, out _), $"request id '{response.RequestId}'");
        Assert.Equal(response.RequestId, context.RequestId);
    }

    [Fact]
    public async Task HandleAsync_EmptyBody_IsAnEmptyRequest()
    {
        var response = await Server.SendAsync(Ecs + "ListClusters", string.Empty);

        Assert.Equal(200, response.Status);
        var request = (ListClustersRequest)Assert.Single(handlers.Calls).Request;
        Assert.Equal(new ListClustersRequest(), request);
    }

    [Fact]
    public async Task HandleAsync_NestedValidRequest_BindsTypedRequest()
    {
        var response = await Server.SendAsync(
            Ecs + "RegisterTaskDefinition",
            """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "portMappings": [{"containerPort": 80}]}], "unknownMember": 1}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"taskDefinition":{"family":"web","revision":1}}""", response.Body);
        var request = (RegisterTaskDefinitionRequest)Assert.Single(handlers.Calls).Request;
        Assert.Equal(80, Assert.Single(Assert.Single(request.ContainerDefinitions!).PortMappings!).ContainerPort);
    }

    [Theory]
    [InlineData("Nope_20200101.ListClusters", "The requested operation is not recognized by any service this endpoint serves.")]
    [InlineData(TestModels.EcsTargetPrefix + ".Nope", "The operation Nope is not recognized by ECS.")]
    [InlineData("ListClusters", "The target 'ListClusters' does not name an operation.")]
    [InlineData(".ListClusters", "The target '.ListClusters' does not name an operation.")]
    [InlineData(null, "The request has no X-Amz-Target header naming the operation.")]
    public async Task HandleAsync_TargetNamingNoOperation_UnknownOperationException(string? target, string message)
    {
        var response = await Server.SendAsync(target, "{}");

        Assert.Equal(400, response.Status);
        Assert.Equal(("UnknownOperationException", message), response.Error);
        Assert.Equal("UnknownOperationException", response.ErrorType);
        Assert.Equal(EcsJson, response.ContentType);
        Assert.NotNull(response.RequestId);
    }

    [Fact]
    public async Task HandleAsync_OperationWithoutHandler_501NotImplemented()
    {
        var response = await Server.SendAsync(Ecs + "CreateService", """{"serviceName": "web"}""");

        Assert.Equal(501, response.Status);
        Assert.Equal(("NotImplemented", "Berth does not implement ECS CreateService yet."), response.Error);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrowsPlainException_500ServerExceptionWithoutDetails()
    {
        var response = await Server.SendAsync(Ecs + "DescribeClusters", "{}");

        Assert.Equal(500, response.Status);
        Assert.Equal(EcsJson, response.ContentType);
        Assert.Equal(("ServerException", $"An internal error occurred (request {response.RequestId})."), response.Error);
        Assert.Equal(["__type", "message"], response.Json.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("hunter2", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", response.Body, StringComparison.Ordinal);
        var logged = Assert.Single(Server.Logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(FakeHandlers.InternalDetail, logged.Exception?.Message);
        Assert.Contains(response.RequestId!, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrowsAwsException_AnswersItsCode()
    {
        var response = await Server.SendAsync(Ecs + "DeleteCluster", """{"cluster": "gone"}""");

        Assert.Equal(400, response.Status);
        Assert.Equal(("ClusterNotFoundException", "Cluster not found."), response.Error);
        Assert.Equal("ClusterNotFoundException", response.ErrorType);
        Assert.DoesNotContain(Server.Logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrowsAwsExceptionWithStatusAndExtras_AnswersThem()
    {
        var response = await Server.SendAsync(Ecs + "UpdateCluster", """{"cluster": "busy"}""");

        Assert.Equal(409, response.Status);
        Assert.Equal("""{"__type":"UpdateInProgressException","message":"An update is in progress.","resourceIds":["busy"]}""", response.Body);
    }

    [Fact]
    public async Task HandleAsync_EcsRequestBreakingModel_InvalidParameterExceptionAndNoCall()
    {
        var response = await Server.SendAsync(Ecs + "DeleteCluster", "{}");

        Assert.Equal(400, response.Status);
        Assert.Equal(
            ("InvalidParameterException", "1 validation error detected: Value null at 'cluster' failed to satisfy constraint: Member must not be null"),
            response.Error);
        Assert.Empty(handlers.Calls);
    }

    [Fact]
    public async Task HandleAsync_EcsNestedViolations_CountsThemAll()
    {
        var response = await Server.SendAsync(
            Ecs + "RegisterTaskDefinition",
            """{"family": "web", "containerDefinitions": [null, {"name": "app", "dependsOn": [{"containerName": "x"}]}]}""");

        Assert.Equal(
            ("InvalidParameterException",
             "2 validation errors detected: Value null at 'containerDefinitions.1.member' failed to satisfy constraint: Member must not be null; " +
             "Value null at 'containerDefinitions.2.member.dependsOn.1.member.condition' failed to satisfy constraint: Member must not be null"),
            response.Error);
    }

    [Fact]
    public async Task HandleAsync_ServiceWithDefaultDialect_ValidationException()
    {
        var response = await Server.SendAsync(TestModels.SampleTargetPrefix + ".PutThing", """{"name": "ok"}""", service: "sample");

        Assert.Equal(400, response.Status);
        Assert.Equal("application/x-amz-json-1.0", response.ContentType);
        Assert.Equal(
            ("ValidationException", "1 validation error detected: Value null at 'Alias' failed to satisfy constraint: Member must not be null"),
            response.Error);
    }

    [Fact]
    public async Task HandleAsync_SecondServiceValidRequest_IsRoutedByTargetPrefix()
    {
        var response = await Server.SendAsync(TestModels.SampleTargetPrefix + ".PutThing", """{"name":"ok","Alias":"ok","count":3}""", service: "sample");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/x-amz-json-1.0", response.ContentType);
        Assert.Equal("""{"name":"ok","Alias":"ok","count":3}""", response.Body);
        Assert.Equal("PutThing", Assert.Single(handlers.Calls).Context.Operation.Name);
    }

    [Theory]
    [InlineData("""{"maxResults": "ten"}""", "STRING_VALUE can not be converted to an Integer at 'maxResults'.")]
    [InlineData("""{"maxResults": 10""", "The request body is not valid JSON.")]
    [InlineData("""[{"maxResults": 10}]""", "The request body must be a JSON object.")]
    public async Task HandleAsync_BodyThatCannotBeBound_SerializationException(string body, string message)
    {
        var response = await Server.SendAsync(Ecs + "ListClusters", body);

        Assert.Equal(400, response.Status);
        Assert.Equal(("SerializationException", message), response.Error);
        Assert.Empty(handlers.Calls);
    }

    [Fact]
    public async Task HandleAsync_BodyOfExactlyTheLimit_IsServed()
    {
        var prefix = "{\"nextToken\": \"";
        var body = prefix + new string('x', AwsEdge.MaxBodyBytes - prefix.Length - 2) + "\"}";
        Assert.Equal(AwsEdge.MaxBodyBytes, Encoding.UTF8.GetByteCount(body));

        var response = await Server.SendAsync(Ecs + "ListClusters", body);

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_BodyOverTheLimit_413WithoutReadingOn(bool chunked)
    {
        var body = new byte[AwsEdge.MaxBodyBytes + 1];
        body.AsSpan().Fill((byte)' ');

        var response = await Server.SendUnsignedAsync(Ecs + "ListClusters", body, chunked);

        Assert.Equal(413, response.Status);
        Assert.Equal(("SerializationException", $"The request body is larger than {AwsEdge.MaxBodyBytes} bytes."), response.Error);
        Assert.DoesNotContain(Server.Logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task HandleAsync_NoAuthorization_MissingAuthenticationToken()
    {
        var response = await Server.SendUnsignedAsync(Ecs + "ListClusters", "{}"u8.ToArray());

        Assert.Equal(400, response.Status);
        Assert.Equal((SigV4Errors.MissingAuthenticationTokenCode, SigV4Errors.MissingAuthenticationTokenMessage), response.Error);
        Assert.Empty(handlers.Calls);
    }

    [Fact]
    public async Task HandleAsync_WrongSecret_InvalidSignatureAndNoCall()
    {
        var response = await Server.SendAsync(Ecs + "ListClusters", "{}", EdgeServer.Alice with { SecretAccessKey = "not-alice's-secret" });

        Assert.Equal(400, response.Status);
        Assert.Equal((SigV4Errors.InvalidSignatureCode, SigV4Errors.SignatureMismatchMessage), response.Error);
        Assert.Empty(handlers.Calls);
    }

    [Fact]
    public async Task HandleAsync_UnknownAccessKey_UnrecognizedClient()
    {
        var response = await Server.SendAsync(Ecs + "ListClusters", "{}", EdgeServer.Alice with { AccessKeyId = "AKIDMALLORY000000000" });

        Assert.Equal((SigV4Errors.UnrecognizedClientCode, SigV4Errors.UnrecognizedClientMessage), response.Error);
    }

    [Fact]
    public async Task HandleAsync_SignedForAnotherService_InvalidSignature()
    {
        var response = await Server.SendAsync(Ecs + "ListClusters", "{}", service: "sample");

        Assert.Equal(400, response.Status);
        Assert.Equal((SigV4Errors.InvalidSignatureCode, "Credential should be scoped to correct service: 'ecs'."), response.Error);
        Assert.Empty(handlers.Calls);
    }
}
