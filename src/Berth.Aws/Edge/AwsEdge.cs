using System.Collections.Frozen;
using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Protocol;
using Berth.Aws.Protocol.Json;
using Berth.Aws.Protocol.Query;
using Berth.Aws.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Berth.Aws.Edge;

/// <summary>The one HTTP entry point of every AWS API: routes a request to its service and operation, authenticates it,
/// validates it against the model and runs its handler. Whatever goes wrong, the client gets an AWS-shaped error.</summary>
public sealed partial class AwsEdge
{
    /// <summary>Larger than any AWS JSON API accepts (PutLogEvents allows about 1 MiB); bigger bodies are refused unread.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    private readonly FrozenDictionary<string, AwsService> servicesByTarget;
    private readonly FrozenDictionary<string, AwsService> queryServicesBySigningName;
    private readonly SigV4Verifier verifier;
    private readonly ILogger<AwsEdge> logger;
    private readonly IOperationPolicy[] policies;

    public AwsEdge(IEnumerable<AwsService> services, SigV4Verifier verifier, ILogger<AwsEdge> logger)
        : this(services, verifier, [], logger)
    {
    }

    public AwsEdge(IEnumerable<AwsService> services, SigV4Verifier verifier, IEnumerable<IOperationPolicy> policies, ILogger<AwsEdge> logger)
    {
        this.policies = policies.ToArray();
        servicesByTarget = services
            .Where(s => s.Model.Metadata.TargetPrefix is not null)
            .ToFrozenDictionary(s => s.Model.Metadata.TargetPrefix!, StringComparer.Ordinal);
        queryServicesBySigningName = services
            .Where(s => s.Model.Metadata.Protocol == "query")
            .ToFrozenDictionary(s => s.Model.Metadata.SigningName, StringComparer.Ordinal);
        this.verifier = verifier;
        this.logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        var speaksQuery = QueryProtocol.Speaks(http.Request);
        IWireProtocol protocol = speaksQuery ? QueryProtocol.Instance : JsonProtocol.Instance;
        AwsService? service = null;
        try
        {
            (service, var principal, var operationName, var body) = speaksQuery
                ? await RouteQueryAsync(http).ConfigureAwait(false)
                : await RouteJsonAsync(http).ConfigureAwait(false);
            if (!service.Model.Operations.TryGetValue(operationName, out var operation))
            {
                throw speaksQuery
                    ? QueryProtocol.UnknownAction(operationName)
                    : new AwsException("UnknownOperationException", $"The operation {operationName} is not recognized by {service.Model.Metadata.ServiceId}.");
            }

            if (!service.Handlers.TryGetValue(operationName, out var handler))
            {
                throw new AwsException("NotImplemented", $"Berth does not implement {service.Model.Metadata.ServiceId} {operationName} yet.", StatusCodes.Status501NotImplemented);
            }

            using var input = protocol.ReadInput(service, operationName, body);
            if (operation.Input is not null)
            {
                var violations = ShapeValidator.Validate(operation.Input, input.RootElement);
                if (violations.Count > 0)
                {
                    throw new AwsException(service.ValidationErrorCode, ShapeValidator.Describe(violations));
                }
            }

            var context = new RequestContext { Principal = principal, Operation = operation, RequestId = requestId, BaseUrl = BaseUrlOf(http.Request) };
            foreach (var policy in policies)
            {
                policy.Authorize(service, context, input.RootElement);
            }

            var result = await handler(context, input.RootElement, http.RequestAborted).ConfigureAwait(false);
            await protocol.WriteResultAsync(http.Response, service, operation, result).ConfigureAwait(false);
        }
        catch (AwsException error)
        {
            LogRejected(logger, requestId, error.Code);
            await protocol.WriteErrorAsync(http.Response, service, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception unexpected)
        {
            LogFailed(logger, requestId, unexpected);
            if (!http.Response.HasStarted)
            {
                var error = new AwsException("ServerException", $"An internal error occurred (request {requestId}).", StatusCodes.Status500InternalServerError);
                await protocol.WriteErrorAsync(http.Response, service, error).ConfigureAwait(false);
            }
        }
    }

    /// <summary>awsJson names the service in X-Amz-Target, so an unknown one is refused before the body is read.</summary>
    private async Task<RoutedCall> RouteJsonAsync(HttpContext http)
    {
        var (prefix, operationName) = SplitTarget(http.Request.Headers["X-Amz-Target"].ToString());
        if (!servicesByTarget.TryGetValue(prefix, out var service))
        {
            throw new AwsException("UnknownOperationException", "The requested operation is not recognized by any service this endpoint serves.");
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var principal = verifier.Verify(ToSigV4Request(http, body));
        if (!string.Equals(principal.Service, service.Model.Metadata.SigningName, StringComparison.Ordinal))
        {
            throw SigV4Errors.WrongService(service.Model.Metadata.SigningName);
        }

        return new RoutedCall(service, principal, operationName, body);
    }

    /// <summary>awsQuery requests all go to the same path; the service is the one the request was signed for.</summary>
    private async Task<RoutedCall> RouteQueryAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var principal = verifier.Verify(ToSigV4Request(http, body));
        if (!queryServicesBySigningName.TryGetValue(principal.Service, out var service))
        {
            throw new AwsException("InvalidAction", $"This endpoint serves no query-protocol service signed as '{principal.Service}'.");
        }

        return new RoutedCall(service, principal, QueryProtocol.ActionOf(body.Span), body);
    }

    private sealed record RoutedCall(AwsService Service, AuthenticatedPrincipal Principal, string Operation, ReadOnlyMemory<byte> Body);

    private static (string Prefix, string Operation) SplitTarget(string target)
    {
        var dot = target.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new AwsException("UnknownOperationException", target.Length == 0
                ? "The request has no X-Amz-Target header naming the operation."
                : $"The target '{target}' does not name an operation.");
        }

        return (target[..dot], target[(dot + 1)..]);
    }

    /// <summary>The body, at most <see cref="MaxBodyBytes"/>; a body too large or cut short is an AWS-shaped SerializationException.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBodyWithinLimitAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own body limit (Kestrel's MaxRequestBodySize) tripped first: with a chunked body the read that
            // crosses our limit can also cross the server's, before we see its bytes.
            throw TooLarge();
        }
        catch (BadHttpRequestException e)
        {
            // A body that ends before its Content-Length or broken chunking: the client's fault, not ours.
            throw new AwsException("SerializationException", $"The request body could not be read: {e.Message}");
        }
        catch (EndOfStreamException)
        {
            throw new AwsException("SerializationException", "The request body ended before its Content-Length.");
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyWithinLimitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw TooLarge();
        }

        if (request.ContentLength is { } length)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static AwsException TooLarge() =>
        new("SerializationException", $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>The base URL a client reached the server at, from the request's scheme and Host header.</summary>
    public static string BaseUrlOf(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";

    /// <summary>The parts of a request SigV4 signs, with the path and query raw as they came on the wire.</summary>
    public static SigV4Request ToSigV4Request(HttpContext http, ReadOnlyMemory<byte> body)
    {
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rawTarget : rawTarget[..question];
        var query = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        var headers = new List<KeyValuePair<string, string>>(http.Request.Headers.Count);
        foreach (var (name, values) in http.Request.Headers)
        {
            headers.Add(new KeyValuePair<string, string>(name, values.ToString()));
        }

        return new SigV4Request(http.Request.Method, path, query, headers, body);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId} rejected with {ErrorCode}")]
    private static partial void LogRejected(ILogger logger, string requestId, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed")]
    private static partial void LogFailed(ILogger logger, string requestId, Exception exception);
}
