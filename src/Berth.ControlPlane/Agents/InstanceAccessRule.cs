using System.Collections.Frozen;
using System.Text.Json;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.Domain;

namespace Berth.ControlPlane.Agents;

/// <summary>Which operations a container instance's own key may call: the agent's ECS ones, only for itself, the Logs
/// ones of log shipping and the ECR one of image pulls.</summary>
/// <remarks>Operations naming an instance in their input (RegisterContainerInstance's <c>containerInstanceArn</c>,
/// DiscoverPollEndpoint's <c>containerInstance</c>) must name the bound one. The task state changes name a task, not an
/// instance; that the task runs on the caller is the tasks' handlers' check once tasks exist.</remarks>
public static class InstanceAccessRule
{
    public static readonly FrozenSet<string> AgentOperations = FrozenSet.ToFrozenSet(
    [
        "DiscoverPollEndpoint",
        "SubmitTaskStateChange",
        "SubmitContainerStateChange",
        "SubmitAttachmentStateChanges",
        "RegisterContainerInstance",
    ], StringComparer.Ordinal);

    /// <summary>The Logs operations the agent ships awslogs containers' output with (GetLogEvents: to tell whether a batch whose
    /// answer was lost was accepted). Until IAM, the instance identity stands in for the task's execution role.</summary>
    public static readonly FrozenSet<string> LogShippingOperations = FrozenSet.ToFrozenSet(
    [
        "CreateLogGroup",
        "CreateLogStream",
        "PutLogEvents",
        "GetLogEvents",
    ], StringComparer.Ordinal);

    /// <summary>The ECR operation the agent pulls images from Berth's registry with: the token for Docker's X-Registry-Auth.
    /// Until IAM, the instance identity stands in for the task's execution role, as for log shipping.</summary>
    public static readonly FrozenSet<string> ImagePullOperations = FrozenSet.ToFrozenSet(["GetAuthorizationToken"], StringComparer.Ordinal);

    /// <summary>Whether the instance bound to <paramref name="boundArn"/> may call <paramref name="operation"/> with this input.</summary>
    public static bool Allows(string operation, JsonElement input, string boundArn) => operation switch
    {
        "RegisterContainerInstance" => NamesBound(Member(input, "containerInstanceArn"), boundArn, required: true),
        "DiscoverPollEndpoint" => NamesBound(Member(input, "containerInstance"), boundArn, required: false),
        _ => AgentOperations.Contains(operation),
    };

    /// <summary>The bound instance by ARN (long or short format) or by id.</summary>
    private static bool NamesBound(string? identifier, string boundArn, bool required)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            return !required;
        }

        if (!Arn.TryParse(boundArn, out var bound))
        {
            return false;
        }

        var scope = new ResourceScope(bound.Account, bound.Region);
        var self = ContainerInstanceReference.Parse(scope, boundArn);
        var named = ContainerInstanceReference.Parse(scope, identifier);
        return self is not null && named is not null && named.Id == self.Id && (named.Cluster is null || named.Cluster == self.Cluster);
    }

    private static string? Member(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
