using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>The table of bad input: model violations, wrong JSON types, oversized values, ECS's own rules and unknown
/// resources, each with the exact error code and HTTP status ECS answers with.</summary>
public static class InvalidRequestCases
{
    private const string Invalid = "InvalidParameterException";
    private const string Client = "ClientException";
    private const string Serialization = "SerializationException";

    private static readonly JsonArray OneContainer = [new JsonObject { ["name"] = "app", ["image"] = "busybox", ["memory"] = 64 }];

    public static readonly IReadOnlyList<InvalidRequestCase> All =
    [
        // The model: required members, JSON types, lengths, enums.
        Case("register without family", "register_task_definition", new { containerDefinitions = OneContainer },
            Invalid, 400, "1 validation error detected: Value null at 'family' failed to satisfy constraint: Member must not be null"),
        Case("family given as a number", "register_task_definition", new { family = 5, containerDefinitions = OneContainer },
            Serialization, 400, "family"),
        Case("container memory given as text", "register_task_definition",
            new { family = "typed", containerDefinitions = new[] { new { name = "app", image = "busybox", memory = "ten" } } },
            Serialization, 400, "memory"),
        Case("tag key of 129 chars on create-cluster", "create_cluster", new { clusterName = "steady", tags = new[] { Tag(new string('k', 129)) } },
            Invalid, 400, "Member must have length less than or equal to 128"),
        Case("tag value of 257 chars on tag-resource", "tag_resource", new { resourceArn = "{clusterArn}", tags = new[] { Tag("long", new string('v', 257)) } },
            Invalid, 400, "Member must have length less than or equal to 256"),
        Case("tag key of 129 chars on tag-resource", "tag_resource", new { resourceArn = "{taskDefinitionArn}", tags = new[] { Tag(new string('k', 129)) } },
            Invalid, 400, "Member must have length less than or equal to 128"),
        Case("51 tags on create-cluster", "create_cluster", new { clusterName = "crowded", tags = Tags(51) },
            Invalid, 400, "Member must have length less than or equal to 50"),
        Case("51 tags on register-task-definition", "register_task_definition", new { family = "crowded", containerDefinitions = OneContainer, tags = Tags(51) },
            Invalid, 400, "Member must have length less than or equal to 50"),
        Case("more than 50 tags once merged", "tag_resource", new { resourceArn = "{clusterArn}", tags = Tags(49) },
            Invalid, 400, "at most 50 tags"),
        Case("tag key with the reserved aws: prefix", "tag_resource", new { resourceArn = "{clusterArn}", tags = new[] { Tag("aws:owner") } },
            Invalid, 400, "aws:"),
        Case("networkMode outside its enum", "register_task_definition", new { family = "enum", networkMode = "bogus", containerDefinitions = OneContainer },
            Invalid, 400, "Value 'bogus' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set"),
        Case("describe-clusters include outside its enum", "describe_clusters", new { clusters = new[] { "steady" }, include = new[] { "EVERYTHING" } },
            Invalid, 400, "Member must satisfy enum value set"),
        Case("unknown account setting name", "put_account_setting", new { name = "fasterPlease", value = "enabled" },
            Invalid, 400, "Member must satisfy enum value set"),

        // ECS's own rules for task definitions.
        Case("Fargate 512 cpu with 256 memory", "register_task_definition",
            new { family = "fargate-bad", networkMode = "awsvpc", requiresCompatibilities = new[] { "FARGATE" }, cpu = "512", memory = "256", containerDefinitions = OneContainer },
            Client, 400, "No Fargate configuration exists for given values"),
        Case("Fargate in bridge mode", "register_task_definition",
            new { family = "fargate-bad", networkMode = "bridge", requiresCompatibilities = new[] { "FARGATE" }, cpu = "256", memory = "512", containerDefinitions = OneContainer },
            Client, 400, "Fargate only supports network mode \u2018awsvpc\u2019."),
        Case("duplicate container names", "register_task_definition",
            new { family = "dupes", containerDefinitions = new[] { Container("app"), Container("app") } },
            Client, 400, "Duplicate container name"),
        Case("no essential container", "register_task_definition",
            new { family = "inessential", containerDefinitions = new[] { new { name = "app", image = "busybox", memory = 64, essential = false } } },
            Client, 400, "at least one essential container"),
        Case("EC2 container without any memory", "register_task_definition",
            new { family = "forgetful", containerDefinitions = new[] { new { name = "app", image = "busybox" } } },
            Client, 400, "At least one of 'memory' or 'memoryReservation' must be specified"),
        Case("awsvpc hostPort different from containerPort", "register_task_definition",
            new
            {
                family = "ports", networkMode = "awsvpc",
                containerDefinitions = new[] { new { name = "app", image = "busybox", memory = 64, portMappings = new[] { new { containerPort = 80, hostPort = 8080 } } } },
            },
            Client, 400, "host ports and container ports in port mappings must match"),
        Case("mount point of an undefined volume", "register_task_definition",
            new
            {
                family = "mounts",
                containerDefinitions = new[] { new { name = "app", image = "busybox", memory = 64, mountPoints = new[] { new { sourceVolume = "data", containerPath = "/data" } } } },
            },
            Client, 400, "The referenced volume 'data' is not defined"),

        // Unknown resources.
        Case("describe an unknown revision", "describe_task_definition", new { taskDefinition = "ghost:1" }, Client, 400, "Unable to describe task definition."),
        Case("describe an unknown family", "describe_task_definition", new { taskDefinition = "ghost" }, Client, 400, "Unable to describe task definition."),
        Case("deregister an unknown revision", "deregister_task_definition", new { taskDefinition = "ghost:1" }, Client, 400, "does not exist"),
        Case("delete an unknown cluster", "delete_cluster", new { cluster = "ghost" }, "ClusterNotFoundException", 400, "Cluster not found."),
        Case("update settings of an unknown cluster", "update_cluster_settings",
            new { cluster = "ghost", settings = new[] { new { name = "containerInsights", value = "enabled" } } },
            "ClusterNotFoundException", 400, "Cluster not found."),
        Case("tag an unknown cluster", "tag_resource",
            new { resourceArn = "{clusterArn}-ghost", tags = new[] { Tag("a") } }, "ClusterNotFoundException", 400, "Cluster not found."),

        // Pagination parameters.
        Case("list-clusters maxResults 0", "list_clusters", new { maxResults = 0 }, Invalid, 400, "maxResults"),
        Case("list-clusters maxResults 101", "list_clusters", new { maxResults = 101 }, Invalid, 400, "maxResults"),
        Case("list-task-definitions maxResults 101", "list_task_definitions", new { maxResults = 101 }, Invalid, 400, "maxResults"),
        Case("list-task-definition-families maxResults 0", "list_task_definition_families", new { maxResults = 0 }, Invalid, 400, "maxResults"),
        Case("list-account-settings maxResults 11", "list_account_settings", new { maxResults = 11 }, Invalid, 400, "maxResults"),
        Case("list-clusters garbage nextToken", "list_clusters", new { nextToken = "not-a-token-we-issued" }, Invalid, 400, "nextToken"),
        Case("list-task-definitions garbage nextToken", "list_task_definitions", new { nextToken = "%%%" }, Invalid, 400, "nextToken"),

        // Other operation rules.
        Case("cluster name with a space", "create_cluster", new { clusterName = "two words" }, Invalid, 400, "cluster name"),
        Case("cluster setting value outside its set", "create_cluster",
            new { clusterName = "insightful", settings = new[] { new { name = "containerInsights", value = "maybe" } } }, Invalid, 400, "containerInsights"),
        Case("delete eleven task definitions at once", "delete_task_definitions",
            new { taskDefinitions = Enumerable.Range(1, 11).Select(i => $"steady:{i}").ToArray() }, Invalid, 400, "taskDefinitions"),
        Case("account setting value outside its set", "put_account_setting", new { name = "containerInsights", value = "maybe" }, Invalid, 400, "maybe"),
        Case("an operation Berth does not implement yet", "create_task_set", new { service = "web", cluster = "default", taskDefinition = "steady:1" }, "NotImplemented", 501, "CreateTaskSet"),
    ];

    /// <summary>The labels, as theory data: one test case per row.</summary>
    public static TheoryData<string> Labels => new(All.Select(c => c.Label));

    public static InvalidRequestCase Find(string label) => All.Single(c => c.Label == label);

    private static InvalidRequestCase Case(string label, string operation, object parameters, string code, int status, string message) =>
        new(label, operation, JsonSerializer.Serialize(parameters), code, status, message);

    private static JsonObject Container(string name) => new() { ["name"] = name, ["image"] = "busybox", ["memory"] = 64 };

    private static object Tag(string key, string value = "v") => new { key, value };

    private static object[] Tags(int count) => Enumerable.Range(0, count).Select(i => Tag($"bulk-{i}")).ToArray();
}
