using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Microsoft.AspNetCore.Http;

namespace Berth.Aws.Protocol.Query;

/// <summary>The awsQuery protocol (ELBv2, IAM, CloudWatch, Auto Scaling): a form-encoded body naming the <c>Action</c>,
/// answered with <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;…</c> XML, errors as <c>&lt;ErrorResponse&gt;</c>.</summary>
public sealed class QueryProtocol : IWireProtocol
{
    public static QueryProtocol Instance { get; } = new();

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Async = false };

    /// <summary>Whether a request speaks awsQuery: no JSON target, a form body.</summary>
    public static bool Speaks(HttpRequest request) =>
        !request.Headers.ContainsKey("X-Amz-Target")
        && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The operation a body names in its <c>Action</c> parameter, empty when it names none.</summary>
    public static string ActionOf(ReadOnlySpan<byte> body) => QueryForm.Parse(body)["Action"] ?? string.Empty;

    /// <summary>The answer to an Action the service's model does not have.</summary>
    public static AwsException UnknownAction(string action) => action.Length == 0
        ? new AwsException("MissingAction", "The request must contain the parameter Action.")
        : new AwsException("InvalidAction", $"The action {action} is not valid for this web service.");

    public JsonDocument ReadInput(AwsService service, string operation, ReadOnlyMemory<byte> body)
    {
        var form = QueryForm.Parse(body.Span);
        if (form["Version"] is { } version && version != service.Model.Metadata.ApiVersion)
        {
            throw new AwsException("InvalidAction", $"Version {version} is not supported by {service.Model.Metadata.ServiceId}; use {service.Model.Metadata.ApiVersion}.");
        }

        var input = service.Model.Operations[operation].Input;
        if (input is null)
        {
            return JsonDocument.Parse("{}"u8.ToArray());
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            QueryInputReader.Write(writer, form, input, service.ValidationErrorCode);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    public async Task WriteResultAsync(HttpResponse response, AwsService service, Operation operation, OperationResult result)
    {
        var output = JsonSerializer.SerializeToElement(result.Value, result.TypeInfo);
        var body = Xml(writer =>
        {
            writer.WriteStartElement($"{operation.Name}Response", service.Model.Metadata.XmlNamespace);
            if (operation.Output is not null)
            {
                writer.WriteStartElement(operation.ResultWrapper ?? $"{operation.Name}Result");
                XmlResultWriter.Structure(writer, operation.Output, output);
                writer.WriteEndElement();
            }

            writer.WriteStartElement("ResponseMetadata");
            writer.WriteElementString("RequestId", RequestIdOf(response));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        await WriteAsync(response, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    public async Task WriteErrorAsync(HttpResponse response, AwsService? service, AwsException error)
    {
        var body = Xml(writer =>
        {
            writer.WriteStartElement("ErrorResponse", service?.Model.Metadata.XmlNamespace);
            writer.WriteStartElement("Error");
            writer.WriteElementString("Type", error.StatusCode >= 500 ? "Receiver" : "Sender");
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", RequestIdOf(response));
            writer.WriteEndElement();
        });
        await WriteAsync(response, error.StatusCode, body).ConfigureAwait(false);
    }

    private static byte[] Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static string RequestIdOf(HttpResponse response) => response.Headers["x-amzn-RequestId"].ToString();

    private static async Task WriteAsync(HttpResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
