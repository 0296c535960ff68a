using System.Globalization;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Pagination;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.AccountSettings;

/// <summary>PutAccountSetting, PutAccountSettingDefault, ListAccountSettings and DeleteAccountSetting.</summary>
public sealed class AccountSettingHandlers(EcsStore store, AccountSettingResolver resolver)
{
    private const int MaxPageSize = 10;

    public async ValueTask<PutAccountSettingResponse> PutAccountSetting(RequestContext context, PutAccountSettingRequest request, CancellationToken cancellationToken)
    {
        var principal = Principal(context, request.PrincipalArn);
        return new PutAccountSettingResponse
        {
            Setting = await SaveAsync(context, principal, principal, request.Name!, request.Value!, cancellationToken).ConfigureAwait(false),
        };
    }

    public async ValueTask<PutAccountSettingDefaultResponse> PutAccountSettingDefault(
        RequestContext context, PutAccountSettingDefaultRequest request, CancellationToken cancellationToken) =>
        new()
        {
            Setting = await SaveAsync(
                context, AccountSettingResolver.AccountDefault, AccountSettingResolver.RootArn(context.AccountId), request.Name!, request.Value!, cancellationToken)
                .ConfigureAwait(false),
        };

    public async ValueTask<DeleteAccountSettingResponse> DeleteAccountSetting(
        RequestContext context, DeleteAccountSettingRequest request, CancellationToken cancellationToken)
    {
        var principal = Principal(context, request.PrincipalArn);
        var partition = context.Scope().Partition;
        var key = AccountSettingResolver.Key(principal, request.Name!);
        var existing = await store.AccountSettings.GetAsync(partition, key, cancellationToken).ConfigureAwait(false)
            ?? throw EcsErrors.InvalidParameter($"No account setting {request.Name} is set for principal {principal}.");
        await store.Store.ApplyAsync([store.AccountSettings.Delete(partition, key, existing.Version)], cancellationToken).ConfigureAwait(false);
        return new DeleteAccountSettingResponse { Setting = existing.Value };
    }

    /// <summary>Without effectiveSettings only what the principal set itself; with it, every setting as it applies to the principal.</summary>
    public async ValueTask<ListAccountSettingsResponse> ListAccountSettings(
        RequestContext context, ListAccountSettingsRequest request, CancellationToken cancellationToken)
    {
        var principal = Principal(context, request.PrincipalArn);
        var pageSize = NextToken.PageSize(request.MaxResults, MaxPageSize, EcsErrors.MaxResults);
        var start = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken) is { } token
            && int.TryParse(token, CultureInfo.InvariantCulture, out var index) && index >= 0
            ? index
            : request.NextToken is null ? 0 : throw EcsErrors.InvalidNextToken();

        var settings = new List<Setting>();
        foreach (var name in AccountSettingCatalog.Names.Where(n => request.Name is null || n == request.Name))
        {
            var setting = request.EffectiveSettings == true
                ? await resolver.EffectiveAsync(context, principal, name, cancellationToken).ConfigureAwait(false)
                : (await store.AccountSettings.GetAsync(context.Scope().Partition, AccountSettingResolver.Key(principal, name), cancellationToken)
                    .ConfigureAwait(false))?.Value;
            if (setting is not null && (request.Value is null || setting.Value == request.Value))
            {
                settings.Add(setting);
            }
        }

        var page = settings.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count < settings.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new ListAccountSettingsResponse { Settings = page, NextToken = NextToken.Encode(next) };
    }

    private async ValueTask<Setting> SaveAsync(
        RequestContext context, string owner, string principalArn, string name, string value, CancellationToken cancellationToken)
    {
        AccountSettingCatalog.EnsureSettable(name, value);
        var setting = new Setting { Name = name, Value = value, PrincipalArn = principalArn, Type = SettingType.User };
        await store.Store.ApplyAsync(
            [store.AccountSettings.Put(context.Scope().Partition, AccountSettingResolver.Key(owner, name), setting, expectedVersion: null)], cancellationToken)
            .ConfigureAwait(false);
        return setting;
    }

    /// <summary>The principal a request is about: the caller unless it names an IAM user, role or root of its own account.</summary>
    private static string Principal(RequestContext context, string? principalArn)
    {
        if (principalArn is null)
        {
            return context.PrincipalArn;
        }

        if (!Arn.TryParse(principalArn, out var arn) || arn.Service != "iam" || arn.Account != context.AccountId
            || !(arn.Resource == "root" || arn.ResourceType is "user" or "role"))
        {
            throw EcsErrors.InvalidParameter($"principalArn '{principalArn}' is not an IAM user, role or root user ARN of this account.");
        }

        return principalArn;
    }
}
