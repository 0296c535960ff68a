using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.AccountSettings;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.AccountSettings;

/// <summary>Account settings against a real (temporary) SQLite store; the effective value is the principal's own, else the
/// account default, else AWS's.</summary>
public sealed class AccountSettingHandlersTests : EcsHandlerTests
{
    private const string Root = "arn:aws:iam::123456789012:root";

    [Theory]
    [InlineData(SettingName.ContainerInsights, "disabled")]
    [InlineData(SettingName.TaskLongArnFormat, "enabled")]
    [InlineData(SettingName.TagResourceAuthorization, "on")]
    [InlineData(SettingName.FargateTaskRetirementWaitPeriod, "7")]
    [InlineData(SettingName.DefaultLogDriverMode, "non-blocking")]
    public async Task Effective_NothingSet_IsAwsDefault(string name, string value) =>
        Assert.Equal(
            new Setting { Name = name, Value = value, PrincipalArn = EcsHarness.AliceArn, Type = SettingType.AwsManaged },
            await EffectiveAsync(EcsHarness.AliceArn, name));

    [Fact]
    public async Task Effective_AccountDefault_AppliesToEveryPrincipal()
    {
        var put = await Ecs.Settings.PutAccountSettingDefault(
            Ecs.Caller(), new PutAccountSettingDefaultRequest { Name = SettingName.ContainerInsights, Value = "enhanced" }, default);

        Assert.Equal(new Setting { Name = SettingName.ContainerInsights, Value = "enhanced", PrincipalArn = Root, Type = SettingType.User }, put.Setting);
        Assert.Equal(
            new Setting { Name = SettingName.ContainerInsights, Value = "enhanced", PrincipalArn = EcsHarness.AliceArn, Type = SettingType.User },
            await EffectiveAsync(EcsHarness.AliceArn, SettingName.ContainerInsights));
        Assert.Equal("enhanced", (await EffectiveAsync(EcsHarness.BobArn, SettingName.ContainerInsights)).Value);
    }

    [Fact]
    public async Task Effective_OwnSetting_BeatsAccountDefault()
    {
        await Ecs.Settings.PutAccountSettingDefault(Ecs.Caller(), new PutAccountSettingDefaultRequest { Name = SettingName.ContainerInsights, Value = "enabled" }, default);
        await PutAsync(EcsHarness.AliceArn, SettingName.ContainerInsights, "disabled");

        Assert.Equal("disabled", (await EffectiveAsync(EcsHarness.AliceArn, SettingName.ContainerInsights)).Value);
        Assert.Equal("enabled", (await EffectiveAsync(EcsHarness.BobArn, SettingName.ContainerInsights)).Value);
    }

    [Fact]
    public async Task Effective_OwnSettingDeleted_FallsBackToAccountDefault()
    {
        await Ecs.Settings.PutAccountSettingDefault(Ecs.Caller(), new PutAccountSettingDefaultRequest { Name = SettingName.ContainerInsights, Value = "enabled" }, default);
        await PutAsync(EcsHarness.AliceArn, SettingName.ContainerInsights, "disabled");

        var deleted = await Ecs.Settings.DeleteAccountSetting(Ecs.Caller(), new DeleteAccountSettingRequest { Name = SettingName.ContainerInsights }, default);

        Assert.Equal("disabled", deleted.Setting!.Value);
        Assert.Equal("enabled", (await EffectiveAsync(EcsHarness.AliceArn, SettingName.ContainerInsights)).Value);
    }

    [Fact]
    public async Task Put_ForAnotherPrincipalOfTheAccount_SetsTheirs()
    {
        var put = await Ecs.Settings.PutAccountSetting(
            Ecs.Caller(), new PutAccountSettingRequest { Name = SettingName.ContainerInsights, Value = "enabled", PrincipalArn = EcsHarness.BobArn }, default);

        Assert.Equal(EcsHarness.BobArn, put.Setting!.PrincipalArn);
        Assert.Equal("enabled", (await EffectiveAsync(EcsHarness.BobArn, SettingName.ContainerInsights)).Value);
        Assert.Equal("disabled", (await EffectiveAsync(EcsHarness.AliceArn, SettingName.ContainerInsights)).Value);
    }

    [Theory]
    [InlineData("arn:aws:iam::210987654321:user/mallory")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod")]
    [InlineData("arn:aws:iam::123456789012:group/admins")]
    [InlineData("alice")]
    public async Task Put_PrincipalNotOfThisAccount_InvalidParameterException(string principal)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Settings.PutAccountSetting(
            Ecs.Caller(), new PutAccountSettingRequest { Name = SettingName.ContainerInsights, Value = "enabled", PrincipalArn = principal }, default).AsTask());

        Assert.Equal(
            ("InvalidParameterException", $"principalArn '{principal}' is not an IAM user, role or root user ARN of this account."),
            (error.Code, error.Message));
    }

    [Theory]
    [InlineData(SettingName.ContainerInsights, "maybe", "Invalid value 'maybe' for account setting containerInsights. Valid values: enabled, disabled, enhanced.")]
    [InlineData(SettingName.FargateTaskRetirementWaitPeriod, "3", "Invalid value '3' for account setting fargateTaskRetirementWaitPeriod. Valid values: 0, 7, 14.")]
    [InlineData(SettingName.GuardDutyActivate, "on", "guardDutyActivate is read-only in Amazon ECS: it reflects whether Runtime Monitoring is enabled.")]
    public async Task Put_ValueTheSettingDoesNotTake_InvalidParameterException(string name, string value, string message)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => PutAsync(EcsHarness.AliceArn, name, value));

        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task Delete_NothingSet_InvalidParameterException()
    {
        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.Settings.DeleteAccountSetting(Ecs.Caller(), new DeleteAccountSettingRequest { Name = SettingName.ContainerInsights }, default).AsTask());

        Assert.Equal(
            ("InvalidParameterException", $"No account setting containerInsights is set for principal {EcsHarness.AliceArn}."),
            (error.Code, error.Message));
    }

    [Fact]
    public async Task List_WithoutEffective_OnlyTheCallersOwnSettings()
    {
        await PutAsync(EcsHarness.AliceArn, SettingName.ContainerInsights, "enabled");
        await PutAsync(EcsHarness.AliceArn, SettingName.AwsvpcTrunking, "enabled");
        await Ecs.Settings.PutAccountSettingDefault(Ecs.Caller(), new PutAccountSettingDefaultRequest { Name = SettingName.TaskLongArnFormat, Value = "disabled" }, default);

        var alices = await ListAsync(EcsHarness.AliceArn, new ListAccountSettingsRequest());
        var bobs = await ListAsync(EcsHarness.BobArn, new ListAccountSettingsRequest());

        Assert.Equal([SettingName.AwsvpcTrunking, SettingName.ContainerInsights], alices.Select(s => s.Name!).Order(StringComparer.Ordinal));
        Assert.Empty(bobs);
    }

    [Fact]
    public async Task List_Effective_EverySettingAcrossPages()
    {
        var pages = new List<int>();
        var settings = new List<Setting>();
        string? token = null;
        do
        {
            var page = await Ecs.Settings.ListAccountSettings(
                Ecs.Caller(), new ListAccountSettingsRequest { EffectiveSettings = true, MaxResults = 4, NextToken = token }, default);
            pages.Add(page.Settings!.Count);
            settings.AddRange(page.Settings);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(AccountSettingCatalog.Names, settings.Select(s => s.Name!));
        Assert.Equal([4, 4, 3], pages);
    }

    [Fact]
    public async Task List_FilteredByNameAndValue_OnlyMatches()
    {
        await PutAsync(EcsHarness.AliceArn, SettingName.ContainerInsights, "enabled");

        var byName = await ListAsync(EcsHarness.AliceArn, new ListAccountSettingsRequest { Name = SettingName.ContainerInsights, EffectiveSettings = true });
        var byValue = await ListAsync(EcsHarness.AliceArn, new ListAccountSettingsRequest { Value = "on", EffectiveSettings = true });

        Assert.Equal("enabled", Assert.Single(byName).Value);
        Assert.Equal([SettingName.TagResourceAuthorization], byValue.Select(s => s.Name!));
    }

    [Theory]
    [InlineData(11, null, "maxResults must be between 1 and 10.")]
    [InlineData(null, "garbage", "Invalid nextToken.")]
    public async Task List_BadPaging_InvalidParameterException(int? maxResults, string? token, string message)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.Settings.ListAccountSettings(Ecs.Caller(), new ListAccountSettingsRequest { MaxResults = maxResults, NextToken = token }, default).AsTask());

        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task List_OtherRegion_DoesNotSeeTheSetting()
    {
        await PutAsync(EcsHarness.AliceArn, SettingName.ContainerInsights, "enabled");

        var elsewhere = await Ecs.Settings.ListAccountSettings(
            Ecs.Caller(region: "eu-west-1"), new ListAccountSettingsRequest { Name = SettingName.ContainerInsights, EffectiveSettings = true }, default);

        Assert.Equal("disabled", Assert.Single(elsewhere.Settings!).Value);
    }

    private async Task PutAsync(string principal, string name, string value) =>
        await Ecs.Settings.PutAccountSetting(Ecs.Caller(principal), new PutAccountSettingRequest { Name = name, Value = value }, default);

    private async Task<Setting> EffectiveAsync(string principal, string name) =>
        Assert.Single(await ListAsync(principal, new ListAccountSettingsRequest { Name = name, EffectiveSettings = true }));

    private async Task<List<Setting>> ListAsync(string principal, ListAccountSettingsRequest request) =>
        (await Ecs.Settings.ListAccountSettings(Ecs.Caller(principal), request, default)).Settings!;
}
