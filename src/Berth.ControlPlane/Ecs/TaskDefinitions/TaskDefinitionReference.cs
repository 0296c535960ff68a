using System.Globalization;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>How requests name a task definition: <c>family</c> (latest ACTIVE revision), <c>family:revision</c>, or the full ARN.</summary>
public sealed record TaskDefinitionReference(string Family, int? Revision)
{
    /// <summary>Null when the text is none of the three forms or an ARN of another account or region.</summary>
    public static TaskDefinitionReference? Parse(ResourceScope scope, string text)
    {
        var name = text;
        if (Arn.TryParse(text, out var arn))
        {
            if (arn.Service != EcsArns.Service || arn.ResourceType != "task-definition" || arn.Account != scope.AccountId || arn.Region != scope.Region)
            {
                return null;
            }

            name = arn.ResourceId;
            if (!name.Contains(':', StringComparison.Ordinal))
            {
                return null;
            }
        }

        var colon = name.LastIndexOf(':');
        if (colon < 0)
        {
            return name.Length > 0 ? new TaskDefinitionReference(name, null) : null;
        }

        return int.TryParse(name.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0 && colon > 0
            ? new TaskDefinitionReference(name[..colon], revision)
            : null;
    }
}
