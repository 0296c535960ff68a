using System.Xml.Linq;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Model;
using Task = System.Threading.Tasks.Task;

namespace Berth.Aws.Tests.Edge;

/// <summary>awsQuery through the edge: the service is the one the request was signed for, the operation its Action.</summary>
public sealed class AwsEdgeQueryTests : IAsyncLifetime
{
    private static readonly XNamespace Elb = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private readonly List<DescribeLoadBalancersInput> calls = [];
    private EdgeServer? server;

    private EdgeServer Server => server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        var elbv2 = new AwsServiceBuilder(ServiceModel.LoadFile("elbv2-2015-12-01.service.json"), Elbv2JsonContext.Default) { ValidationErrorCode = "ValidationError" }
            .On<DescribeLoadBalancersInput, DescribeLoadBalancersOutput>("DescribeLoadBalancers", (_, request, _) =>
            {
                calls.Add(request);
                return ValueTask.FromResult(new DescribeLoadBalancersOutput { LoadBalancers = [new LoadBalancer { LoadBalancerName = "web" }] });
            })
            .Build();
        server = await EdgeServer.StartAsync(new FakeHandlers().Ecs(), elbv2);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignedForm_RunsTheActionsHandlerAndAnswersXml()
    {
        var response = await Server.SendFormAsync("Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=web&PageSize=5");

        Assert.Equal((200, "text/xml"), (response.Status, response.ContentType));
        var request = Assert.Single(calls);
        Assert.Equal(["web"], request.Names);
        Assert.Equal(5, request.PageSize);
        var root = XDocument.Parse(response.Body).Root!;
        Assert.Equal("web", root.Descendants(Elb + "LoadBalancerName").Single().Value);
        Assert.Equal(response.RequestId, root.Descendants(Elb + "RequestId").Single().Value);
    }

    [Theory]
    [InlineData("Action=CreateLoadBalancer&Version=2015-12-01&Name=a", 501, "NotImplemented")]
    [InlineData("Action=FlyToTheMoon&Version=2015-12-01", 400, "InvalidAction")]
    [InlineData("Version=2015-12-01", 400, "MissingAction")]
    [InlineData("Action=DescribeLoadBalancers&PageSize=0", 400, "ValidationError")]
    public async Task BadCalls_AnswerXmlErrors(string body, int status, string code)
    {
        var response = await Server.SendFormAsync(body);

        Assert.Equal(status, response.Status);
        Assert.Equal(code, XDocument.Parse(response.Body).Root!.Element(Elb + "Error")!.Element(Elb + "Code")!.Value);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task FormSignedForAServiceThatIsNotServed_IsInvalidAction()
    {
        var response = await Server.SendFormAsync("Action=ListUsers&Version=2010-05-08", service: "iam");

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidAction", XDocument.Parse(response.Body).Root!.Descendants("Code").Single().Value);
    }
}
