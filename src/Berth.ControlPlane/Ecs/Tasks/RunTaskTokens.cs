using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>A RunTask clientToken already used: which request it was (by fingerprint) and the tasks it placed.</summary>
public sealed record RunTaskToken(string Fingerprint, List<string> TaskArns);

/// <summary>Serializes the token documents (kept beside the task code rather than in the shared stored context).</summary>
[JsonSerializable(typeof(RunTaskToken))]
public sealed partial class RunTaskTokenJsonContext : JsonSerializerContext;

/// <summary>RunTask's clientTokens, one document per token and account/region (kind <c>ecs.run-task-token</c>, keyed by the
/// token), written in each placement's transaction so a retried request, even after a restart, answers the same tasks.</summary>
public sealed class RunTaskTokens(EcsStore store)
{
    public const int MaxLength = 64;

    private readonly DocumentCollection<RunTaskToken> tokens = new(store.Store, "ecs.run-task-token", RunTaskTokenJsonContext.Default.RunTaskToken);

    public static AwsException TooLong() => EcsErrors.InvalidParameter($"clientToken must be at most {MaxLength} characters.");

    /// <summary>The request's identity without its token: the same parameters give the same fingerprint.</summary>
    public static string Fingerprint(RunTaskRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request with { ClientToken = null }, EcsJsonContext.Default.RunTaskRequest)));

    public async ValueTask<RunTaskToken?> FindAsync(ResourceScope scope, string token, CancellationToken cancellationToken) =>
        (await tokens.GetAsync(scope.Partition, token, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The tasks a token placed, as they are now: a repeated request's answer.</summary>
    public async ValueTask<List<EcsTask>> TasksAsync(ResourceScope scope, RunTaskToken used, CancellationToken cancellationToken)
    {
        var found = new List<EcsTask>();
        foreach (var arn in used.TaskArns)
        {
            if (await store.Tasks.GetAsync(scope.Partition, TaskResolver.KeyOf(new EcsTask { TaskArn = arn }), cancellationToken).ConfigureAwait(false) is { } task)
            {
                found.Add(task.Value);
            }
        }

        return found;
    }

    /// <summary>The write recording the tasks a request placed, created in the same transaction as they are.</summary>
    public PutOp Write(ResourceScope scope, string token, string fingerprint, List<string> taskArns) =>
        tokens.Put(scope.Partition, token, new RunTaskToken(fingerprint, taskArns), 0);

    /// <summary>ECS's answer to a token reused with different parameters, naming the tasks the token placed.</summary>
    public static AwsException Conflict(RunTaskToken existing) =>
        new("ConflictException", "The clientToken was already used by a RunTask request with different parameters.")
        {
            Extra = new Dictionary<string, object?> { ["resourceIds"] = existing.TaskArns },
        };
}
