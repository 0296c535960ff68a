using System.Text.Json;

namespace Berth.Aws.Dispatch;

/// <summary>Runs one operation on an already validated request document.</summary>
public delegate ValueTask<OperationResult> OperationHandler(RequestContext context, JsonElement input, CancellationToken cancellationToken);
