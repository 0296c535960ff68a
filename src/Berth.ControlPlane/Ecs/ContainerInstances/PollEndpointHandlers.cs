using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>DiscoverPollEndpoint: the agent's channel and telemetry live on the control plane's own edge, at the address the
/// agent already reached it by. Which instances may ask is the instance principal policy's concern (Agents/).</summary>
public sealed class PollEndpointHandlers
{
    public ValueTask<DiscoverPollEndpointResponse> DiscoverPollEndpoint(
        RequestContext context, DiscoverPollEndpointRequest request, CancellationToken cancellationToken)
    {
        var endpoint = context.BaseUrl ?? throw new InvalidOperationException("The edge sets BaseUrl on every request.");
        return ValueTask.FromResult(new DiscoverPollEndpointResponse { Endpoint = endpoint, TelemetryEndpoint = endpoint });
    }
}
