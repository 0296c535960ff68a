using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Berth.Aws.Model;
using Berth.Aws.Protocol;

namespace Berth.Aws.Dispatch;

/// <summary>Binds typed handlers to the operations of a service model; the typed request and response shapes come from Generated/.</summary>
public sealed class AwsServiceBuilder(ServiceModel model, JsonSerializerContext json)
{
    private readonly Dictionary<string, OperationHandler> handlers = new(StringComparer.Ordinal);

    public string ValidationErrorCode { get; init; } = "ValidationException";

    public AwsServiceBuilder On<TRequest, TResponse>(string operation, Func<RequestContext, TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TResponse : notnull
    {
        if (!model.Operations.ContainsKey(operation))
        {
            throw new ArgumentException($"{model.Metadata.ServiceId} has no operation {operation}.", nameof(operation));
        }

        var requestInfo = (JsonTypeInfo<TRequest>)json.GetTypeInfo(typeof(TRequest))!;
        var responseInfo = typeof(TResponse) == typeof(NoOutput) ? NoOutputJsonContext.Default.NoOutput : json.GetTypeInfo(typeof(TResponse))!;
        handlers.Add(operation, async (context, input, cancellationToken) =>
        {
            TRequest request;
            try
            {
                request = input.Deserialize(requestInfo)!;
            }
            catch (JsonException e)
            {
                throw new AwsException("SerializationException", $"Could not read the request: {e.Message}");
            }

            var response = await handler(context, request, cancellationToken).ConfigureAwait(false);
            return new OperationResult(response, responseInfo);
        });
        return this;
    }

    /// <summary>Binds an operation whose model has no output shape: it answers an empty JSON object, as AWS does.</summary>
    public AwsServiceBuilder On<TRequest>(string operation, Func<RequestContext, TRequest, CancellationToken, ValueTask> handler) =>
        On<TRequest, NoOutput>(operation, async (context, request, cancellationToken) =>
        {
            await handler(context, request, cancellationToken).ConfigureAwait(false);
            return NoOutput.Instance;
        });

    public AwsService Build() => new(model, handlers.ToFrozenDictionary(StringComparer.Ordinal), ValidationErrorCode);
}
