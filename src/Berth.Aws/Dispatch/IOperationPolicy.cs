using System.Text.Json;

namespace Berth.Aws.Dispatch;

/// <summary>Decides whether an authenticated principal may call an operation; the edge asks every registered policy after
/// the request is authenticated and validated, before the handler runs.</summary>
/// <remarks>A policy throws the AWS error (normally <c>AccessDeniedException</c>) to refuse and returns to allow.</remarks>
public interface IOperationPolicy
{
    void Authorize(AwsService service, RequestContext context, JsonElement input);
}
