using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Agents;

public sealed class PollEndpointHandlersTests
{
    [Fact]
    public async Task DiscoverPollEndpoint_AnswersTheAddressTheCallerReached()
    {
        var caller = new RequestContext
        {
            Principal = new AuthenticatedPrincipal(AgentTests.Admin, "us-east-1", "ecs", DateTimeOffset.UnixEpoch),
            Operation = new Operation("DiscoverPollEndpoint", null, null, [], "POST", "/"),
            RequestId = "test",
            BaseUrl = "http://10.0.0.5:9400",
        };

        var response = await new PollEndpointHandlers().DiscoverPollEndpoint(caller, new DiscoverPollEndpointRequest { ContainerInstance = "x" }, default);

        Assert.Equal(("http://10.0.0.5:9400", "http://10.0.0.5:9400", (string?)null), (response.Endpoint, response.TelemetryEndpoint, response.ServiceConnectEndpoint));
    }
}
