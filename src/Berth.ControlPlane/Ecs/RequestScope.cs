using Berth.Aws.Dispatch;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs;

/// <summary>Maps a request to the account and region whose resources it sees.</summary>
public static class RequestScope
{
    public static ResourceScope Scope(this RequestContext context) => new(context.AccountId, context.Region);
}
