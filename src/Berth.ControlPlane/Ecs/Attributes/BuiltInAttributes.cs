using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>The attributes ECS itself adds to a registering instance (the agent doesn't send them). Berth has no EC2, so
/// it answers with fixed stand-ins that placement constraints and AZ spreading can still work with.</summary>
public static class BuiltInAttributes
{
    public const string AvailabilityZone = "ecs.availability-zone";
    public const string InstanceType = "ecs.instance-type";
    public const string OsType = "ecs.os-type";

    /// <summary>What <c>ecs.instance-type</c> says of a Berth host when its agent does not say otherwise.</summary>
    public const string DefaultInstanceType = "berth.host";

    public const string DefaultOsType = "linux";

    /// <summary>The availability zone of a host that does not name one: the region's first zone, e.g. <c>us-east-1a</c>.</summary>
    public static string DefaultAvailabilityZone(string region) => region + "a";

    /// <summary>The attributes with each ECS-applied one added when absent; values the agent sent win.</summary>
    public static List<Attribute> WithDefaults(IReadOnlyCollection<Attribute> attributes, string region)
    {
        var result = attributes.ToList();
        AddIfAbsent(result, AvailabilityZone, DefaultAvailabilityZone(region));
        AddIfAbsent(result, InstanceType, DefaultInstanceType);
        AddIfAbsent(result, OsType, DefaultOsType);
        return result;
    }

    private static void AddIfAbsent(List<Attribute> attributes, string name, string value)
    {
        if (!attributes.Any(a => a.Name == name))
        {
            attributes.Add(new Attribute { Name = name, Value = value });
        }
    }
}
