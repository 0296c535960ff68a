using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Microsoft.AspNetCore.Http;

namespace Berth.Aws.Protocol.Json;

/// <summary>The awsJson 1.0/1.1 protocols: the operation comes from <c>X-Amz-Target</c>, input and output are JSON objects,
/// errors are <c>{"__type": code, "message": text}</c>.</summary>
public sealed class JsonProtocol : IWireProtocol
{
    public static JsonProtocol Instance { get; } = new();

    /// <summary>AWS writes characters such as ' and + as they are; the default encoder's HTML-safe escapes (\u0027) are
    /// valid JSON but not what AWS sends, and these bodies are never embedded in HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public JsonDocument ReadInput(AwsService service, string operation, ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return JsonDocument.Parse("{}"u8.ToArray());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            throw new AwsException("SerializationException", "The request body is not valid JSON.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new AwsException("SerializationException", "The request body must be a JSON object.");
        }

        return document;
    }

    public async Task WriteResultAsync(HttpResponse response, AwsService service, Operation operation, OperationResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, result.Value, result.TypeInfo);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType(service);
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    public async Task WriteErrorAsync(HttpResponse response, AwsService? service, AwsException error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Code);
            writer.WriteString("message", error.Message);
            foreach (var (name, value) in error.Extra ?? new Dictionary<string, object?>())
            {
                writer.WritePropertyName(name);
                JsonSerializer.Serialize(writer, value, ErrorJsonContext.Default.Object);
            }

            writer.WriteEndObject();
        }

        response.StatusCode = error.StatusCode;
        response.ContentType = service is null ? "application/x-amz-json-1.1" : ContentType(service);
        response.Headers["x-amzn-ErrorType"] = error.Code;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    private static string ContentType(AwsService service) => $"application/x-amz-json-{service.Model.Metadata.JsonVersion ?? "1.0"}";
}
