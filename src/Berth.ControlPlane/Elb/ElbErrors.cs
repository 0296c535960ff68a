using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Elb;

/// <summary>The ELBv2 errors Berth answers with (codes as the model's awsQueryError names them, all HTTP 400), each
/// worded once as AWS words it.</summary>
public static class ElbErrors
{
    public static AwsException Validation(string message) => new("ValidationError", message);

    public static AwsException InvalidArn(string arn, string what) => Validation($"'{arn}' is not a valid {what} ARN");

    public static AwsException LoadBalancerNotFound() => new("LoadBalancerNotFound", "One or more load balancers not found");

    public static AwsException TargetGroupNotFound() => new("TargetGroupNotFound", "One or more target groups not found");

    public static AwsException ListenerNotFound() => new("ListenerNotFound", "One or more listeners not found");

    public static AwsException RuleNotFound() => new("RuleNotFound", "One or more rules not found");

    public static AwsException DuplicateLoadBalancerName(string name) =>
        new("DuplicateLoadBalancerName", $"A load balancer with the same name '{name}' exists, but with different settings");

    public static AwsException DuplicateTargetGroupName(string name) =>
        new("DuplicateTargetGroupName", $"A target group with the same name '{name}' exists, but with different settings");

    public static AwsException DuplicateListener(string loadBalancerArn) =>
        new("DuplicateListener", $"A listener already exists on this port for this load balancer '{loadBalancerArn}'");

    public static AwsException PriorityInUse(int priority) => new("PriorityInUse", $"Priority '{priority}' is currently in use");

    public static AwsException TargetGroupInUse(string arn) =>
        new("ResourceInUse", $"Target group '{arn}' is currently in use by a listener or a rule");

    public static AwsException DeletionProtected(string arn) =>
        new("OperationNotPermitted", $"Load balancer '{arn}' cannot be deleted because deletion protection is enabled");

    public static AwsException DefaultRule(string arn, string verb) =>
        new("OperationNotPermitted", $"Default rule '{arn}' cannot be {verb}");

    public static AwsException InvalidConfiguration(string message) => new("InvalidConfigurationRequest", message);

    public static AwsException PortInUse(int port) =>
        InvalidConfiguration($"Port {port} is already in use on this machine by a process other than Berth's load balancers");

    public static AwsException UnsupportedProtocol(string protocol) =>
        new("UnsupportedProtocol", $"Protocol '{protocol}' is not supported; Berth's load balancers serve HTTP");

    public static AwsException InvalidAction(string message) => new("InvalidLoadBalancerAction", message);

    public static AwsException InvalidTarget(string message) => new("InvalidTarget", message);

    /// <summary>Instance ids no container instance has.</summary>
    public static AwsException NotValidInstances(IEnumerable<string> ids) =>
        InvalidTarget($"The following targets are not valid instances: {Quoted(ids)}");

    /// <summary>Instance ids whose container instances are all deregistered.</summary>
    public static AwsException NotRunningInstances(IEnumerable<string> ids) =>
        InvalidTarget($"The following targets are not in a running state and cannot be registered: {Quoted(ids)}");

    /// <summary>A target group may be forwarded to by the listeners and rules of one load balancer only.</summary>
    public static AwsException TargetGroupAssociationLimit(IEnumerable<string> targetGroupArns) =>
        new("TargetGroupAssociationLimit", $"The following target groups cannot be associated with more than one load balancer: {string.Join(", ", targetGroupArns)}");

    public static AwsException TooManyTargets(int limit) =>
        new("TooManyTargets", $"You've reached the limit of '{limit}' targets per target group");

    public static AwsException TooManyRules(int limit) =>
        new("TooManyRules", $"You've reached the limit of '{limit}' rules per listener");

    public static AwsException TooManyTags(int limit) =>
        new("TooManyTags", $"You've reached the limit of '{limit}' tags for this resource");

    public static AwsException DuplicateTagKeys(string message) => new("DuplicateTagKeys", message);

    public static AwsException InvalidMarker() => Validation("The marker is not valid");

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
