using System.Reflection;
using System.Text;
using Berth.Aws.Model;

namespace Berth.Aws.Tests;

/// <summary>The service models the tests use: the real ECS model and a small hand-written one that has every shape type and
/// constraint kind (the ECS model has no blobs, no map key constraints and no recursive shapes).</summary>
internal static class TestModels
{
    public const string EcsModelFile = "ecs-2014-11-13.service.json";

    public const string EcsTargetPrefix = "AmazonEC2ContainerServiceV20141113";

    public const string SampleTargetPrefix = "Sample_20200101";

    private static readonly Lazy<ServiceModel> LazyEcs = new(() => ServiceModel.LoadFile(EcsModelFile));

    private static readonly Lazy<ServiceModel> LazySample = new(() => ServiceModel.Load(Encoding.UTF8.GetBytes(SampleJson)));

    /// <summary>Loaded once: models are immutable after loading.</summary>
    public static ServiceModel Ecs => LazyEcs.Value;

    public static ServiceModel Sample => LazySample.Value;

    /// <summary>The checkout the tests were built from (set by the test project file).</summary>
    public static string RepositoryRoot { get; } = typeof(TestModels).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>
    /// A "Sample" service: PutThing takes one member of every type, each with constraints; Node is recursive; Details is a
    /// document; wire names differ from member names where locationName says so; Ping has neither input nor http trait;
    /// serviceId and signingName are left out so they default to the endpoint prefix.
    /// </summary>
    public const string SampleJson = """
        {
          "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "sample",
            "protocol": "json",
            "jsonVersion": "1.0",
            "targetPrefix": "Sample_20200101"
          },
          "operations": {
            "PutThing": {
              "name": "PutThing",
              "http": { "method": "PUT", "requestUri": "/things" },
              "input": { "shape": "PutThingInput" },
              "output": { "shape": "PutThingOutput" },
              "errors": [ { "shape": "ThingConflict" }, { "shape": "ThingMissing" } ]
            },
            "Ping": { "name": "Ping" }
          },
          "shapes": {
            "PutThingInput": {
              "type": "structure",
              "required": [ "name", "alias" ],
              "members": {
                "name": { "shape": "Name" },
                "alias": { "shape": "Name", "locationName": "Alias" },
                "count": { "shape": "Count" },
                "size": { "shape": "Size" },
                "ratio": { "shape": "Ratio" },
                "weight": { "shape": "Weight" },
                "enabled": { "shape": "Flag" },
                "color": { "shape": "Color" },
                "answer": { "shape": "Answer" },
                "items": { "shape": "ItemList" },
                "labels": { "shape": "Labels" },
                "data": { "shape": "Data" },
                "when": { "shape": "When" },
                "node": { "shape": "Node" },
                "details": { "shape": "Details" },
                "odd": { "shape": "OddPattern" }
              }
            },
            "PutThingOutput": { "type": "structure", "members": { "name": { "shape": "Name" } } },
            "ThingConflict": { "type": "structure", "members": { "message": { "shape": "Text" } }, "exception": true },
            "ThingMissing": { "type": "structure", "members": { "message": { "shape": "Text" } }, "exception": true },
            "Name": { "type": "string", "min": 1, "max": 8, "pattern": "[a-z]+" },
            "Text": { "type": "string" },
            "Answer": { "type": "string", "pattern": "yes|no" },
            "OddPattern": { "type": "string", "pattern": "a++" },
            "Count": { "type": "integer", "min": 1, "max": 100 },
            "Size": { "type": "long", "min": 0, "max": 5000000000 },
            "Ratio": { "type": "double", "min": 0.5, "max": 1.5 },
            "Weight": { "type": "float" },
            "Flag": { "type": "boolean" },
            "Color": { "type": "string", "enum": [ "red", "green" ] },
            "ItemList": { "type": "list", "member": { "shape": "Item" }, "min": 1, "max": 3 },
            "Item": {
              "type": "structure",
              "required": [ "id" ],
              "members": { "id": { "shape": "Name" }, "notes": { "shape": "TextList" } }
            },
            "TextList": { "type": "list", "member": { "shape": "Text" } },
            "Labels": { "type": "map", "key": { "shape": "LabelKey" }, "value": { "shape": "Name" }, "max": 2 },
            "LabelKey": { "type": "string", "min": 2, "max": 4, "pattern": "[a-z]+" },
            "Data": { "type": "blob" },
            "When": { "type": "timestamp" },
            "Node": {
              "type": "structure",
              "members": {
                "value": { "shape": "Count" },
                "next": { "shape": "Node" },
                "children": { "shape": "NodeList" }
              }
            },
            "NodeList": { "type": "list", "member": { "shape": "Node" } },
            "Details": { "type": "structure", "members": {}, "document": true }
          }
        }
        """;
}
