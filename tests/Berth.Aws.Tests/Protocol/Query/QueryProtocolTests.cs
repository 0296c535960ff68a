using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Model;
using Berth.Aws.Protocol;
using Berth.Aws.Protocol.Query;
using Microsoft.AspNetCore.Http;

namespace Berth.Aws.Tests.Protocol.Query;

/// <summary>awsQuery against the real ELBv2 model: form bodies as botocore's query serializer writes them, XML as its parser reads it.</summary>
public sealed class QueryProtocolTests
{
    private static readonly XNamespace Elb = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private static readonly AwsService Elbv2 = new(ServiceModel.LoadFile("elbv2-2015-12-01.service.json"), FrozenDictionary<string, OperationHandler>.Empty, "ValidationError");

    [Fact]
    public void ReadInput_NestedStructuresListsAndScalars_BecomeTheModelsJson()
    {
        const string body = "Action=CreateTargetGroup&Version=2015-12-01&Name=web&Protocol=HTTP&Port=8080&HealthCheckEnabled=true"
            + "&HealthCheckPath=%2Fhealth%3Fdeep%3D1&Matcher.HttpCode=200-299&Tags.member.1.Key=team&Tags.member.1.Value=a+b"
            + "&Tags.member.2.Key=env";

        var input = Read<CreateTargetGroupInput>("CreateTargetGroup", body);

        Assert.Equal("web", input.Name);
        Assert.Equal(8080, input.Port);
        Assert.True(input.HealthCheckEnabled);
        Assert.Equal("/health?deep=1", input.HealthCheckPath);
        Assert.Equal("200-299", input.Matcher?.HttpCode);
        Assert.Equal([new Tag { Key = "team", Value = "a b" }, new Tag { Key = "env" }], input.Tags);
    }

    [Fact]
    public void ReadInput_ListsOfStructuresWithLists_KeepOrder()
    {
        const string body = "Action=CreateRule&ListenerArn=l&Priority=5"
            + "&Conditions.member.1.Field=path-pattern&Conditions.member.1.Values.member.1=%2Fapi%2F*&Conditions.member.1.Values.member.2=%2Fv2%2F*"
            + "&Conditions.member.2.Field=host-header&Conditions.member.2.HostHeaderConfig.Values.member.1=a.example.com"
            + "&Actions.member.1.Type=forward&Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn=tg1"
            + "&Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight=3";

        var input = Read<CreateRuleInput>("CreateRule", body);

        Assert.Equal(5, input.Priority);
        Assert.Equal(["/api/*", "/v2/*"], input.Conditions![0].Values);
        Assert.Equal(["a.example.com"], input.Conditions[1].HostHeaderConfig?.Values);
        var group = Assert.Single(input.Actions![0].ForwardConfig!.TargetGroups!);
        Assert.Equal(("tg1", 3), (group.TargetGroupArn, group.Weight));
    }

    [Fact]
    public void ReadInput_EmptyListParameter_IsAnEmptyList()
    {
        var input = Read<SetSecurityGroupsInput>("SetSecurityGroups", "Action=SetSecurityGroups&LoadBalancerArn=lb&SecurityGroups=");

        Assert.Equal([], input.SecurityGroups);
    }

    [Fact]
    public void ReadInput_UnsentMembers_AreAbsent()
    {
        using var document = Elbv2Input("DescribeLoadBalancers", "Action=DescribeLoadBalancers&Version=2015-12-01");

        Assert.Empty(document.RootElement.EnumerateObject());
    }

    [Theory]
    [InlineData("Action=CreateTargetGroup&Name=a&Port=eighty", "Value 'eighty' at 'Port' failed to satisfy constraint: Member must be an integer.")]
    [InlineData("Action=CreateTargetGroup&Name=a&HealthCheckEnabled=yes", "Value 'yes' at 'HealthCheckEnabled' failed to satisfy constraint: Member must be true or false.")]
    public void ReadInput_MalformedScalar_IsTheServicesValidationError(string body, string message)
    {
        var error = Assert.Throws<AwsException>(() => Elbv2Input("CreateTargetGroup", body).Dispose());

        Assert.Equal(("ValidationError", message), (error.Code, error.Message));
    }

    [Fact]
    public void ReadInput_OtherApiVersion_IsRefused()
    {
        var error = Assert.Throws<AwsException>(() => Elbv2Input("DescribeLoadBalancers", "Action=DescribeLoadBalancers&Version=2012-06-01").Dispose());

        Assert.Equal("InvalidAction", error.Code);
    }

    [Theory]
    [InlineData("Version=2015-12-01")]
    [InlineData("Action=&Version=2015-12-01")]
    public void ActionOf_WithoutAction_IsEmptyAndAnsweredMissingAction(string body)
    {
        var action = QueryProtocol.ActionOf(Encoding.UTF8.GetBytes(body));

        Assert.Equal((string.Empty, "MissingAction"), (action, QueryProtocol.UnknownAction(action).Code));
    }

    [Fact]
    public async Task WriteResult_WrapsTheResultAndWritesListsAsMembersAndTimestampsInIso8601()
    {
        var output = new DescribeLoadBalancersOutput
        {
            LoadBalancers =
            [
                new LoadBalancer
                {
                    LoadBalancerName = "web",
                    CreatedTime = new DateTimeOffset(2026, 11, 22, 3, 4, 5, 678, TimeSpan.Zero),
                    State = new LoadBalancerState { Code = "active" },
                    SecurityGroups = ["sg-1", "sg-2"],
                },
            ],
        };
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        http.Response.Headers["x-amzn-RequestId"] = "req-1";

        await QueryProtocol.Instance.WriteResultAsync(http.Response, Elbv2, Elbv2.Model.Operations["DescribeLoadBalancers"],
            new OperationResult(output, Elbv2JsonContext.Default.DescribeLoadBalancersOutput));

        var root = XDocument.Parse(Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray())).Root!;
        Assert.Equal((200, "text/xml"), (http.Response.StatusCode, http.Response.ContentType));
        Assert.Equal(Elb + "DescribeLoadBalancersResponse", root.Name);
        var balancer = root.Element(Elb + "DescribeLoadBalancersResult")!.Element(Elb + "LoadBalancers")!.Element(Elb + "member")!;
        Assert.Equal("web", balancer.Element(Elb + "LoadBalancerName")!.Value);
        Assert.Equal("2026-11-22T03:04:05.678Z", balancer.Element(Elb + "CreatedTime")!.Value);
        Assert.Equal("active", balancer.Element(Elb + "State")!.Element(Elb + "Code")!.Value);
        Assert.Equal(["sg-1", "sg-2"], balancer.Element(Elb + "SecurityGroups")!.Elements(Elb + "member").Select(m => m.Value));
        Assert.Null(balancer.Element(Elb + "DNSName"));
        Assert.Equal("req-1", root.Element(Elb + "ResponseMetadata")!.Element(Elb + "RequestId")!.Value);
    }

    [Fact]
    public async Task WriteError_IsAnErrorResponseWithSenderOrReceiver()
    {
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        http.Response.Headers["x-amzn-RequestId"] = "req-2";

        await QueryProtocol.Instance.WriteErrorAsync(http.Response, Elbv2, new AwsException("LoadBalancerNotFound", "One or more load balancers not found"));

        var root = XDocument.Parse(Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray())).Root!;
        Assert.Equal((400, Elb + "ErrorResponse"), (http.Response.StatusCode, root.Name));
        var error = root.Element(Elb + "Error")!;
        Assert.Equal(("Sender", "LoadBalancerNotFound", "One or more load balancers not found"),
            (error.Element(Elb + "Type")!.Value, error.Element(Elb + "Code")!.Value, error.Element(Elb + "Message")!.Value));
        Assert.Equal("req-2", root.Element(Elb + "RequestId")!.Value);
    }

    private static JsonDocument Elbv2Input(string operation, string body) =>
        QueryProtocol.Instance.ReadInput(Elbv2, operation, Encoding.UTF8.GetBytes(body));

    private static T Read<T>(string operation, string body)
    {
        using var document = Elbv2Input(operation, body);
        return (T)document.RootElement.Deserialize(Elbv2JsonContext.Default.GetTypeInfo(typeof(T))!)!;
    }
}
