using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>PutAccountSetting, PutAccountSettingDefault, ListAccountSettings and DeleteAccountSetting. Settings are
/// account-wide, so this class has a server of its own and each test works on setting names no other test touches.</summary>
public sealed class AccountSettingTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    /// <summary>Python: the caller (the data dir's administrator, the account's root user) and an IAM user of the account.</summary>
    private const string Principals = """
        client = ecs()
        account = client.create_cluster(clusterName='whoami')['cluster']['clusterArn'].split(':')[4]
        root = f'arn:aws:iam::{account}:root'
        user = f'arn:aws:iam::{account}:user/alice'
        def effective(principal, name):
            return client.list_account_settings(principalArn=principal, name=name, effectiveSettings=True)['settings']

        """;

    [Fact]
    public async Task ListAccountSettings_EffectiveVersusNot_EveryEffectiveSettingButOnlyExplicitOnes()
    {
        var result = await fixture.BotoAsync(Principals + """
            put = client.put_account_setting(name='serviceLongArnFormat', value='disabled')['setting']
            explicit = client.list_account_settings(name='serviceLongArnFormat')['settings']
            unset = client.list_account_settings(name='taskLongArnFormat')['settings']
            pages = [page['settings'] for page in client.get_paginator('list_account_settings').paginate(effectiveSettings=True)]
            emit(root=root, put=put, explicit=explicit, unset=unset, pages=pages)
            """);

        result.Verify(j =>
        {
            Assert.Equal("serviceLongArnFormat", j.Str("put.name"));
            Assert.Equal("disabled", j.Str("put.value"));
            Assert.Equal(j.Str("root"), j.Str("put.principalArn"));
            Assert.Equal([j.Str("put.value")!], j.Items("explicit").Select(s => s.Str("value")!));
            Assert.Empty(j.Items("unset"));
            var pages = j.Items("pages").Select(p => p.AsArray().Select(s => s!).ToList()).ToList();
            Assert.All(pages, p => Assert.InRange(p.Count, 1, 10));
            var effective = pages.SelectMany(p => p).ToDictionary(s => s.Str("name")!, s => s.Str("value"));
            Assert.Equal(11, effective.Count);
            Assert.Equal("disabled", effective["serviceLongArnFormat"]);
            Assert.Equal("enabled", effective["taskLongArnFormat"]);
        });
    }

    [Fact]
    public async Task PutAccountSettingDefault_PrincipalWithoutOwnSetting_EffectiveValueIsTheDefault()
    {
        var result = await fixture.BotoAsync(Principals + """
            before = effective(user, 'awsvpcTrunking')
            default = client.put_account_setting_default(name='awsvpcTrunking', value='enabled')['setting']
            inherited = effective(user, 'awsvpcTrunking')
            own = client.put_account_setting(name='awsvpcTrunking', value='disabled', principalArn=user)['setting']
            overridden = effective(user, 'awsvpcTrunking')
            explicit = client.list_account_settings(principalArn=user)['settings']
            emit(root=root, user=user, before=before, default=default, inherited=inherited, own=own, overridden=overridden, explicit=explicit)
            """);

        result.Verify(j =>
        {
            Assert.Equal("disabled", j.Str("before.0.value"));
            Assert.Equal(j.Str("root"), j.Str("default.principalArn"));
            Assert.Equal("enabled", j.Str("inherited.0.value"));
            Assert.Equal(j.Str("user"), j.Str("own.principalArn"));
            Assert.Equal("disabled", j.Str("overridden.0.value"));
            Assert.Equal(["awsvpcTrunking"], j.Items("explicit").Select(s => s.Str("name")!));
        });
    }

    /// <summary>AWS: "If you specify the root user, it modifies the account setting for all users, roles, and the root
    /// user of the account unless a user or role explicitly overrides these settings" — the root user's setting is the
    /// account default, whichever of the two operations set it.</summary>
    [Fact]
    public async Task PutAccountSetting_RootUser_IsTheDefaultForOtherPrincipals()
    {
        var result = await fixture.BotoAsync(Principals + """
            client.put_account_setting(name='fargateFIPSMode', value='enabled')
            user_effective = effective(user, 'fargateFIPSMode')
            client.put_account_setting_default(name='fargateEventWindows', value='enabled')
            root_explicit = client.list_account_settings(name='fargateEventWindows')['settings']
            emit(userEffective=user_effective, rootExplicit=root_explicit)
            """);

        result.Verify(j =>
        {
            Assert.Equal("enabled", j.Str("userEffective.0.value"));
            Assert.Equal("enabled", j.Str("rootExplicit.0.value"));
        });
    }

    [Fact]
    public async Task DeleteAccountSetting_UserSetting_EffectiveFallsBackToDefault()
    {
        var result = await fixture.BotoAsync(Principals + """
            client.put_account_setting(name='containerInstanceLongArnFormat', value='disabled', principalArn=user)
            deleted = client.delete_account_setting(name='containerInstanceLongArnFormat', principalArn=user)['setting']
            after = effective(user, 'containerInstanceLongArnFormat')
            explicit = client.list_account_settings(principalArn=user, name='containerInstanceLongArnFormat')['settings']
            again = outcome(client, 'delete_account_setting', name='containerInstanceLongArnFormat', principalArn=user)
            emit(deleted=deleted, after=after, explicit=explicit, again=again)
            """);

        result.Verify(j =>
        {
            Assert.Equal("disabled", j.Str("deleted.value"));
            Assert.Equal("enabled", j.Str("after.0.value"));
            Assert.Empty(j.Items("explicit"));
            Assert.Equal("InvalidParameterException", j.Str("again.error"));
            Assert.Equal(400, j.Int("again.status"));
        });
    }

    [Fact]
    public async Task PutAccountSettingDefault_ContainerInsights_NewClustersStartWithIt()
    {
        var result = await fixture.BotoAsync(Principals + """
            before = client.create_cluster(clusterName='insights-before')['cluster']['settings']
            client.put_account_setting_default(name='containerInsights', value='enhanced')
            after = client.create_cluster(clusterName='insights-after')['cluster']['settings']
            emit(before=before, after=after)
            """);

        result.Verify(j =>
        {
            Assert.Equal("disabled", j.Str("before.0.value"));
            Assert.Equal("enhanced", j.Str("after.0.value"));
        });
    }

    [Fact]
    public async Task PutAccountSetting_ReadOnlyOrInvalidValue_InvalidParameterAndNothingChanged()
    {
        var result = await fixture.BotoAsync(Principals + """
            before = client.list_account_settings(effectiveSettings=True, maxResults=10)['settings']
            read_only = outcome(client, 'put_account_setting', name='guardDutyActivate', value='on')
            bad_value = outcome(client, 'put_account_setting_default', name='tagResourceAuthorization', value='maybe')
            foreign = outcome(client, 'put_account_setting', name='defaultLogDriverMode', value='blocking', principalArn='arn:aws:iam::000000000000:user/mallory')
            after = client.list_account_settings(effectiveSettings=True, maxResults=10)['settings']
            emit(readOnly=read_only, badValue=bad_value, foreign=foreign, before=before, after=after)
            """);

        result.Verify(j =>
        {
            Assert.Equal("InvalidParameterException", j.Str("readOnly.error"));
            Assert.Equal("InvalidParameterException", j.Str("badValue.error"));
            Assert.Equal("InvalidParameterException", j.Str("foreign.error"));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(j["before"], j["after"]), "rejected settings must change nothing");
        });
    }
}
