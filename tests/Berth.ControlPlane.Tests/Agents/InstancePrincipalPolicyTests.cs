using System.Text.Json;
using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Generated.Logs;
using Berth.Aws.Model;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecs;

namespace Berth.ControlPlane.Tests.Agents;

/// <summary>The rule table: every ECS operation of the model, called by the administrator and by an instance key.</summary>
public sealed class InstancePrincipalPolicyTests
{
    private const string Bound = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef0123456789abcdef";
    private const string Other = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/ffffffffffffffffffffffffffffffff";
    private const string InstancePrincipalArn = "arn:aws:sts::123456789012:assumed-role/berth-container-instance/0123456789abcdef0123456789abcdef";

    private static readonly ServiceModel Model = ServiceModel.LoadFile(EcsApi.ModelFile);
    private static readonly AwsService Service = new AwsServiceBuilder(Model, EcsJsonContext.Default).Build();
    private static readonly string[] Allowed =
        ["DiscoverPollEndpoint", "SubmitTaskStateChange", "SubmitContainerStateChange", "SubmitAttachmentStateChanges", "RegisterContainerInstance"];

    public static TheoryData<string> Operations() => new(Model.Operations.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Operations))]
    public void Authorize_Administrator_EveryOperation(string operation) =>
        new InstancePrincipalPolicy().Authorize(Service, Context(operation, bound: null), Input(operation, Other));

    [Theory]
    [MemberData(nameof(Operations))]
    public void Authorize_InstanceKey_OnlyTheAgentOperationsForItself(string operation)
    {
        var allowed = Allowed.Contains(operation);
        var call = () => new InstancePrincipalPolicy().Authorize(Service, Context(operation, Bound), Input(operation, Bound));

        if (allowed)
        {
            call();
        }
        else
        {
            var error = Assert.Throws<AwsException>(call);
            Assert.Equal(("AccessDeniedException", 400), (error.Code, error.StatusCode));
            Assert.Equal($"User: {InstancePrincipalArn} is not authorized to perform: ecs:{operation}", error.Message);
        }
    }

    [Theory]
    [InlineData("RegisterContainerInstance", Other)]
    [InlineData("RegisterContainerInstance", null)]
    [InlineData("DiscoverPollEndpoint", Other)]
    [InlineData("DiscoverPollEndpoint", "ffffffffffffffffffffffffffffffff")]
    [InlineData("DiscoverPollEndpoint", "arn:aws:ecs:us-east-1:123456789012:container-instance/staging/0123456789abcdef0123456789abcdef")]
    public void Authorize_InstanceKey_AnotherInstance_AccessDenied(string operation, string? named) =>
        Assert.Equal("AccessDeniedException", Assert.Throws<AwsException>(
            () => new InstancePrincipalPolicy().Authorize(Service, Context(operation, Bound), Input(operation, named))).Code);

    [Theory]
    [InlineData(Bound)]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/0123456789abcdef0123456789abcdef")]
    [InlineData(null)]
    public void Authorize_InstanceKey_DiscoverPollEndpointForItself_Allowed(string? named) =>
        new InstancePrincipalPolicy().Authorize(Service, Context("DiscoverPollEndpoint", Bound), Input("DiscoverPollEndpoint", named));

    private static readonly ServiceModel LogsModel = ServiceModel.LoadFile("logs-2014-03-28.service.json");
    private static readonly ServiceModel EcrModel = ServiceModel.LoadFile(EcrApi.ModelFile);

    /// <summary>Per signing name besides ECS: the service and the only operations an instance key may call there.</summary>
    private static readonly Dictionary<string, (AwsService Service, string[] Allowed)> Confined = new(StringComparer.Ordinal)
    {
        ["logs"] = (new AwsServiceBuilder(LogsModel, LogsJsonContext.Default).Build(), ["CreateLogGroup", "CreateLogStream", "PutLogEvents", "GetLogEvents"]),
        ["ecr"] = (new AwsServiceBuilder(EcrModel, EcrJsonContext.Default).Build(), ["GetAuthorizationToken"]),
    };

    public static TheoryData<string, string> ConfinedOperations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (signingName, (service, _)) in Confined)
        {
            foreach (var operation in service.Model.Operations.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(signingName, operation);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfinedOperations))]
    public void Authorize_InstanceKey_OnlyLogShippingAndImagePullOperations(string signingName, string operation)
    {
        var (service, allowed) = Confined[signingName];
        var call = () => new InstancePrincipalPolicy().Authorize(service, Context(service.Model.Operations[operation], Bound), Input(operation, null));

        if (allowed.Contains(operation))
        {
            call();
        }
        else
        {
            var error = Assert.Throws<AwsException>(call);
            Assert.Equal($"User: {InstancePrincipalArn} is not authorized to perform: {signingName}:{operation}", error.Message);
        }
    }

    private static RequestContext Context(string operation, string? bound) => Context(Model.Operations[operation], bound);

    private static RequestContext Context(Operation operation, string? bound) => new()
    {
        Principal = new AuthenticatedPrincipal(
            new Credential("AKID", "secret", "123456789012", bound is null ? "arn:aws:iam::123456789012:root" : InstancePrincipalArn, bound),
            "us-east-1",
            "ecs",
            DateTimeOffset.UnixEpoch),
        Operation = operation,
        RequestId = "test",
    };

    private static JsonElement Input(string operation, string? instance) => operation switch
    {
        "RegisterContainerInstance" => JsonSerializer.SerializeToElement(new { containerInstanceArn = instance }),
        "DiscoverPollEndpoint" => JsonSerializer.SerializeToElement(new { containerInstance = instance }),
        _ => JsonSerializer.SerializeToElement(new { }),
    };
}
