using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Microsoft.AspNetCore.Http;

namespace Berth.Aws.Protocol;

/// <summary>One AWS wire protocol (awsJson, awsQuery, rpc-v2-cbor): turns a request body into a JSON document shaped by the
/// model, and results and errors into that protocol's response. Validation and dispatch are shared by every protocol.</summary>
public interface IWireProtocol
{
    /// <summary>Parses the request body; throws <see cref="AwsException"/> (<c>SerializationException</c>) when it is malformed.</summary>
    JsonDocument ReadInput(AwsService service, string operation, ReadOnlyMemory<byte> body);

    Task WriteResultAsync(HttpResponse response, AwsService service, Operation operation, OperationResult result);

    Task WriteErrorAsync(HttpResponse response, AwsService? service, AwsException error);
}
