using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.AccountSettings;

/// <summary>Every ECS account setting with the values it accepts and the value AWS applies when nobody set one.</summary>
public static class AccountSettingCatalog
{
    private static readonly Dictionary<string, (string Default, string[] Allowed)> Settings = new(StringComparer.Ordinal)
    {
        [SettingName.ServiceLongArnFormat] = ("enabled", ["enabled", "disabled"]),
        [SettingName.TaskLongArnFormat] = ("enabled", ["enabled", "disabled"]),
        [SettingName.ContainerInstanceLongArnFormat] = ("enabled", ["enabled", "disabled"]),
        [SettingName.AwsvpcTrunking] = ("disabled", ["enabled", "disabled"]),
        [SettingName.ContainerInsights] = ("disabled", ["enabled", "disabled", "enhanced"]),
        [SettingName.FargateFIPSMode] = ("disabled", ["enabled", "disabled"]),
        [SettingName.TagResourceAuthorization] = ("on", ["on", "off"]),
        [SettingName.FargateTaskRetirementWaitPeriod] = ("7", ["0", "7", "14"]),
        [SettingName.GuardDutyActivate] = ("off", ["on", "off"]),
        [SettingName.DefaultLogDriverMode] = ("non-blocking", ["blocking", "non-blocking"]),
        [SettingName.FargateEventWindows] = ("disabled", ["enabled", "disabled"]),
    };

    /// <summary>Setting names in the order ListAccountSettings reports them.</summary>
    public static IEnumerable<string> Names => Settings.Keys;

    public static string DefaultValue(string name) => Settings[name].Default;

    /// <summary>Rejects values a setting does not take, and settings that only AWS itself changes.</summary>
    public static void EnsureSettable(string name, string value)
    {
        if (name == SettingName.GuardDutyActivate)
        {
            throw EcsErrors.InvalidParameter("guardDutyActivate is read-only in Amazon ECS: it reflects whether Runtime Monitoring is enabled.");
        }

        var allowed = Settings[name].Allowed;
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw EcsErrors.InvalidParameter($"Invalid value '{value}' for account setting {name}. Valid values: {string.Join(", ", allowed)}.");
        }
    }
}
