using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.AccountSettings;

/// <summary>Works out a principal's effective setting: its own, else the account default, else AWS's.</summary>
public sealed class AccountSettingResolver(EcsStore store)
{
    /// <summary>The key of an account-wide default set with PutAccountSettingDefault.</summary>
    public const string AccountDefault = "default";

    /// <summary>The root user's own setting is the account default: AWS applies a root user's setting "for all users,
    /// roles, and the root user of the account unless a user or role explicitly overrides", so PutAccountSetting as (or
    /// for) the root user and PutAccountSettingDefault write the same record.</summary>
    public static string Key(string principal, string name) => $"{(IsRootUser(principal) ? AccountDefault : principal)}|{name}";

    public static string RootArn(string accountId) => $"arn:aws:iam::{accountId}:root";

    private static bool IsRootUser(string principal) => Arn.TryParse(principal, out var arn) && arn.Service == "iam" && arn.Resource == "root";

    public async ValueTask<Setting> EffectiveAsync(RequestContext context, string principalArn, string name, CancellationToken cancellationToken)
    {
        var partition = context.Scope().Partition;
        var own = await store.AccountSettings.GetAsync(partition, Key(principalArn, name), cancellationToken).ConfigureAwait(false);
        if (own is not null)
        {
            return own.Value;
        }

        var accountDefault = await store.AccountSettings.GetAsync(partition, Key(AccountDefault, name), cancellationToken).ConfigureAwait(false);
        if (accountDefault is not null)
        {
            return accountDefault.Value with { PrincipalArn = principalArn };
        }

        return new Setting
        {
            Name = name,
            Value = AccountSettingCatalog.DefaultValue(name),
            PrincipalArn = principalArn,
            Type = SettingType.AwsManaged,
        };
    }

    public async ValueTask<string> EffectiveValueAsync(RequestContext context, string name, CancellationToken cancellationToken) =>
        (await EffectiveAsync(context, context.PrincipalArn, name, cancellationToken).ConfigureAwait(false)).Value!;
}
