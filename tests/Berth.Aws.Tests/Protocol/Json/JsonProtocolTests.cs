using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;
using Berth.Aws.Protocol;
using Berth.Aws.Protocol.Json;
using Microsoft.AspNetCore.Http;

namespace Berth.Aws.Tests.Protocol.Json;

public sealed class JsonProtocolTests
{
    private static readonly AwsService Ecs = new(TestModels.Ecs, FrozenDictionary<string, OperationHandler>.Empty, "InvalidParameterException");

    private static readonly AwsService Sample = new(TestModels.Sample, FrozenDictionary<string, OperationHandler>.Empty, "ValidationException");

    [Fact]
    public void ReadInput_EmptyBody_IsAnEmptyObject()
    {
        using var input = JsonProtocol.Instance.ReadInput(Ecs, "ListClusters", ReadOnlyMemory<byte>.Empty);

        Assert.Equal(JsonValueKind.Object, input.RootElement.ValueKind);
        Assert.Empty(input.RootElement.EnumerateObject());
    }

    [Fact]
    public void ReadInput_Object_IsParsed()
    {
        using var input = JsonProtocol.Instance.ReadInput(Ecs, "ListClusters", Encoding.UTF8.GetBytes("""{"maxResults": 5}"""));

        Assert.Equal(5, input.RootElement.GetProperty("maxResults").GetInt32());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\": }")]
    [InlineData("not json")]
    [InlineData("{} {}")]
    [InlineData("{\"a\": 1,}")]
    public void ReadInput_MalformedJson_ThrowsSerializationException(string body)
    {
        var error = Assert.Throws<AwsException>(() => JsonProtocol.Instance.ReadInput(Ecs, "ListClusters", Encoding.UTF8.GetBytes(body)));

        Assert.Equal(("SerializationException", "The request body is not valid JSON.", 400), (error.Code, error.Message, error.StatusCode));
    }

    [Fact]
    public void ReadInput_NestedDeeperThanSixtyFour_ThrowsSerializationException()
    {
        var body = new string('[', 65) + new string(']', 65);
        var deep = "{\"a\": " + body + "}";

        var error = Assert.Throws<AwsException>(() => JsonProtocol.Instance.ReadInput(Ecs, "ListClusters", Encoding.UTF8.GetBytes(deep)));

        Assert.Equal("SerializationException", error.Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void ReadInput_NonObjectBody_ThrowsSerializationException(string body)
    {
        var error = Assert.Throws<AwsException>(() => JsonProtocol.Instance.ReadInput(Ecs, "ListClusters", Encoding.UTF8.GetBytes(body)));

        Assert.Equal(("SerializationException", "The request body must be a JSON object."), (error.Code, error.Message));
    }

    [Fact]
    public async Task WriteErrorAsync_PlainError_WritesTypeAndMessage()
    {
        var http = NewContext();

        await JsonProtocol.Instance.WriteErrorAsync(http.Response, Ecs, new AwsException("ClientException", "Family contains \"quotes\" and 'apostrophes' + plus."));

        Assert.Equal(400, http.Response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", http.Response.ContentType);
        Assert.Equal("ClientException", http.Response.Headers["x-amzn-ErrorType"].ToString());
        var body = Body(http);
        Assert.Equal("""{"__type":"ClientException","message":"Family contains \"quotes\" and 'apostrophes' + plus."}""", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), http.Response.ContentLength);
    }

    [Fact]
    public async Task WriteErrorAsync_ErrorWithExtras_WritesThemAfterTheMessage()
    {
        var http = NewContext();
        var error = new AwsException("ConflictException", "Busy.", 409)
        {
            Extra = new Dictionary<string, object?>
            {
                ["resourceIds"] = new[] { "a", "b" },
                ["names"] = new List<string> { "c" },
                ["retryAfter"] = 30L,
                ["attempts"] = 3,
                ["ratio"] = 0.5,
                ["final"] = true,
                ["reason"] = "locked",
                ["missing"] = null,
            },
        };

        await JsonProtocol.Instance.WriteErrorAsync(http.Response, Ecs, error);

        Assert.Equal(409, http.Response.StatusCode);
        Assert.Equal(
            """{"__type":"ConflictException","message":"Busy.","resourceIds":["a","b"],"names":["c"],"retryAfter":30,"attempts":3,"ratio":0.5,"final":true,"reason":"locked","missing":null}""",
            Body(http));
    }

    [Fact]
    public async Task WriteErrorAsync_ServiceWithJsonVersion10_Uses10ContentType()
    {
        var http = NewContext();

        await JsonProtocol.Instance.WriteErrorAsync(http.Response, Sample, new AwsException("ValidationException", "No."));

        Assert.Equal("application/x-amz-json-1.0", http.Response.ContentType);
    }

    [Fact]
    public async Task WriteErrorAsync_NoServiceResolved_Uses11ContentType()
    {
        var http = NewContext();

        await JsonProtocol.Instance.WriteErrorAsync(http.Response, null, new AwsException("UnknownOperationException", "No."));

        Assert.Equal("application/x-amz-json-1.1", http.Response.ContentType);
        Assert.Equal("""{"__type":"UnknownOperationException","message":"No."}""", Body(http));
    }

    [Fact]
    public async Task WriteResultAsync_Response_WritesItsWireShapeWithoutNulls()
    {
        var http = NewContext();
        var result = new OperationResult(
            new ListClustersResponse { ClusterArns = ["arn:aws:ecs:us-east-1:123456789012:cluster/default"] },
            EcsJsonContext.Default.ListClustersResponse);

        await JsonProtocol.Instance.WriteResultAsync(http.Response, Ecs, Ecs.Model.Operations["ListClusters"], result);

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", http.Response.ContentType);
        var body = Body(http);
        Assert.Equal("""{"clusterArns":["arn:aws:ecs:us-east-1:123456789012:cluster/default"]}""", body);
        Assert.Equal(body.Length, http.Response.ContentLength);
    }

    private static DefaultHttpContext NewContext() => new() { Response = { Body = new MemoryStream() } };

    private static string Body(DefaultHttpContext http) => Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
}
