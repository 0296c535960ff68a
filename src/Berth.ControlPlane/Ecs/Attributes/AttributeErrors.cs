using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>The errors of attribute validation and of PutAttributes, DeleteAttributes and ListAttributes, each worded once.</summary>
public static class AttributeErrors
{
    public static AwsException LimitExceeded() => new(
        "AttributeLimitExceededException",
        $"A resource can have at most {AttributeRules.MaxCustomAttributes} custom attributes.");

    public static AwsException TooManyInRequest() => new(
        "AttributeLimitExceededException",
        $"At most {AttributeRules.MaxAttributesPerCall} attributes can be given in one call.");

    public static AwsException TargetNotFound(string targetId) => new("TargetNotFoundException", $"Could not find the target '{targetId}'.");

    public static AwsException Name(string? name) => EcsErrors.InvalidParameter(
        $"Invalid attribute name '{name}': up to 128 letters, numbers, hyphens, underscores, periods, forward slashes and backslashes are allowed.");

    public static AwsException Value(string name) => EcsErrors.InvalidParameter(
        $"Invalid value for attribute '{name}': up to 128 letters, numbers, hyphens, underscores, periods, at signs, forward slashes, "
        + "backslashes, colons and spaces are allowed, without a leading or trailing space.");

    public static AwsException Reserved(string name) => EcsErrors.InvalidParameter(
        $"Attribute '{name}' uses a prefix reserved for the attributes ECS and its agent set ('ecs.', 'com.amazonaws.ecs.').");

    public static AwsException Duplicate(string name) => EcsErrors.InvalidParameter($"Attribute '{name}' is given more than once for the same target.");

    public static AwsException TargetIdMissing() => EcsErrors.InvalidParameter("Each attribute must name its target with targetId.");

    public static AwsException TargetTypeMissing(string targetId) =>
        EcsErrors.InvalidParameter($"targetType is required when the target '{targetId}' is given by its id rather than its ARN.");

    public static AwsException TargetType(string targetId) =>
        EcsErrors.InvalidParameter($"'{targetId}' is not a container instance; only container instances have attributes.");

    public static AwsException ValueWithoutName() => EcsErrors.InvalidParameter("attributeValue can only be given with attributeName.");

    public static AwsException TooManyToDelete() =>
        EcsErrors.InvalidParameter($"At most {AttributeRules.MaxAttributesPerCall} attributes can be deleted in one call.");
}
