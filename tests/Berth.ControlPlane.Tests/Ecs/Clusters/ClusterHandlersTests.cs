using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Clusters;
using KeyValuePair = Berth.Aws.Generated.Ecs.KeyValuePair;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Clusters;

/// <summary>The cluster handlers against a real (temporary) SQLite store.</summary>
public sealed class ClusterHandlersTests : EcsHandlerTests
{
    private const string ArnPrefix = "arn:aws:ecs:us-east-1:123456789012:cluster/";
    private const string Partition = "123456789012/us-east-1";

    [Fact]
    public async Task Create_NewName_ActiveEmptyClusterWithDefaults()
    {
        var cluster = await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });

        Assert.Equal((ArnPrefix + "prod", "prod", ClusterStatus.Active), (cluster.ClusterArn, cluster.ClusterName, cluster.Status));
        Assert.Equal((0, 0, 0, 0), (cluster.RegisteredContainerInstancesCount, cluster.RunningTasksCount, cluster.PendingTasksCount, cluster.ActiveServicesCount));
        Assert.Equal([new ClusterSetting { Name = "containerInsights", Value = "disabled" }], cluster.Settings!);
        Assert.Empty(cluster.Tags!);
        Assert.Empty(cluster.Statistics!);
        Assert.Empty(cluster.CapacityProviders!);
        Assert.Empty(cluster.DefaultCapacityProviderStrategy!);
        Assert.Null(cluster.Attachments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Create_NoName_IsTheDefaultCluster(string? name) =>
        Assert.Equal(ArnPrefix + "default", (await CreateAsync(new CreateClusterRequest { ClusterName = name })).ClusterArn);

    [Fact]
    public async Task Create_ActiveNameAgain_AnswersTheExistingClusterUnchanged()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod", Tags = [new Tag { Key = "team", Value = "a" }] });

        var again = await CreateAsync(new CreateClusterRequest { ClusterName = "prod", Tags = [new Tag { Key = "team", Value = "b" }] });

        Assert.Equal([new Tag { Key = "team", Value = "a" }], again.Tags!);
        Assert.Equal([ArnPrefix + "prod"], await ListAsync());
    }

    [Theory]
    [InlineData("my cluster")]
    [InlineData("prod.eu")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod")]
    public async Task Create_InvalidName_InvalidParameterException(string name)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => CreateAsync(new CreateClusterRequest { ClusterName = name }));

        Assert.Equal(
            ("InvalidParameterException", "Invalid cluster name. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed."),
            (error.Code, error.Message));
    }

    [Fact]
    public async Task Create_NameOf255Characters_IsAccepted() =>
        Assert.Equal(ClusterStatus.Active, (await CreateAsync(new CreateClusterRequest { ClusterName = new string('c', 255) })).Status);

    [Fact]
    public async Task Create_CallerTurnedContainerInsightsOn_ClusterHasItOn()
    {
        await Ecs.Settings.PutAccountSetting(Ecs.Caller(), new PutAccountSettingRequest { Name = SettingName.ContainerInsights, Value = "enabled" }, default);

        var alices = await CreateAsync(new CreateClusterRequest { ClusterName = "a" });
        var bobs = await Ecs.Clusters.CreateCluster(Ecs.Caller(EcsHarness.BobArn), new CreateClusterRequest { ClusterName = "b" }, default);

        Assert.Equal("enabled", Assert.Single(alices.Settings!).Value);
        Assert.Equal("disabled", Assert.Single(bobs.Cluster!.Settings!).Value);
    }

    [Fact]
    public async Task Create_SettingsInRequest_WinOverTheAccountSetting()
    {
        await Ecs.Settings.PutAccountSettingDefault(Ecs.Caller(), new PutAccountSettingDefaultRequest { Name = SettingName.ContainerInsights, Value = "enabled" }, default);

        var cluster = await CreateAsync(new CreateClusterRequest { ClusterName = "a", Settings = [new ClusterSetting { Name = "containerInsights", Value = "enhanced" }] });

        Assert.Equal([new ClusterSetting { Name = "containerInsights", Value = "enhanced" }], cluster.Settings!);
    }

    [Theory]
    [InlineData("insights", "enabled", "Unknown cluster setting name 'insights'.")]
    [InlineData("containerInsights", "on", "The value for containerInsights must be one of enabled, disabled or enhanced.")]
    public async Task Create_UnknownSetting_InvalidParameterException(string name, string value, string message)
    {
        var request = new CreateClusterRequest { ClusterName = "a", Settings = [new ClusterSetting { Name = name, Value = value }] };

        var error = await Assert.ThrowsAsync<AwsException>(() => CreateAsync(request));

        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task Create_BuiltInCapacityProviders_AreAccepted()
    {
        var cluster = await CreateAsync(new CreateClusterRequest
        {
            ClusterName = "a",
            CapacityProviders = ["FARGATE", "FARGATE_SPOT"],
            DefaultCapacityProviderStrategy = [new() { CapacityProvider = "FARGATE", Base = 1, Weight = 1 }, new() { CapacityProvider = "FARGATE_SPOT", Weight = 3 }],
        });

        Assert.Equal(["FARGATE", "FARGATE_SPOT"], cluster.CapacityProviders!);
        Assert.Equal(2, cluster.DefaultCapacityProviderStrategy!.Count);
    }

    public static TheoryData<List<string>?, List<CapacityProviderStrategyItem>?, string> BadCapacity => new()
    {
        { ["MY_CP"], null, "The specified capacity provider 'MY_CP' does not exist." },
        {
            ["FARGATE"], [new() { CapacityProvider = "FARGATE_SPOT" }],
            "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster: FARGATE_SPOT."
        },
        {
            null, [new() { CapacityProvider = "FARGATE" }],
            "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster: FARGATE."
        },
        {
            ["FARGATE", "FARGATE_SPOT"], [new() { CapacityProvider = "FARGATE", Base = 1 }, new() { CapacityProvider = "FARGATE_SPOT", Base = 2 }],
            "Only one capacity provider in a strategy can have a base defined."
        },
    };

    [Theory]
    [MemberData(nameof(BadCapacity))]
    public async Task Create_BadCapacityProviders_InvalidParameterException(List<string>? providers, List<CapacityProviderStrategyItem>? strategy, string message)
    {
        var request = new CreateClusterRequest { ClusterName = "a", CapacityProviders = providers, DefaultCapacityProviderStrategy = strategy };

        var error = await Assert.ThrowsAsync<AwsException>(() => CreateAsync(request));

        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task Delete_EmptyCluster_InactiveDescribableNotListed()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });
        await CreateAsync(new CreateClusterRequest { ClusterName = "test" });

        var deleted = await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = ArnPrefix + "prod" }, default);
        var described = await DescribeAsync(["prod"]);

        Assert.Equal(ClusterStatus.Inactive, deleted.Cluster!.Status);
        Assert.Equal(ClusterStatus.Inactive, Assert.Single(described.Clusters!).Status);
        Assert.Empty(described.Failures!);
        Assert.Equal([ArnPrefix + "test"], await ListAsync());
    }

    [Fact]
    public async Task Create_AfterDelete_IsActiveAgain()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod", Tags = [new Tag { Key = "old", Value = "1" }] });
        await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default);

        var recreated = await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });

        Assert.Equal(ClusterStatus.Active, recreated.Status);
        Assert.Empty(recreated.Tags!);
        Assert.Equal([ArnPrefix + "prod"], await ListAsync());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("arn:aws:ecs:us-east-1:210987654321:cluster/prod")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:cluster/prod")]
    public async Task Delete_NoSuchActiveCluster_ClusterNotFound(string identifier)
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = identifier }, default).AsTask());

        Assert.Equal(("ClusterNotFoundException", "Cluster not found."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/")]
    public async Task Delete_EmptyName_ClusterNotFound(string identifier)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = identifier }, default).AsTask());

        Assert.Equal("ClusterNotFoundException", error.Code);
    }

    [Fact]
    public async Task Describe_EmptyName_IsAFailure()
    {
        var response = await DescribeAsync([""]);

        Assert.Empty(response.Clusters!);
        Assert.Equal("MISSING", Assert.Single(response.Failures!).Reason);
    }

    [Fact]
    public async Task Delete_Twice_ClusterNotFound()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });
        await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default);

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default).AsTask());

        Assert.Equal("ClusterNotFoundException", error.Code);
    }

    [Theory]
    [InlineData(1, 1, 1, 1, "ClusterContainsContainerInstancesException")]
    [InlineData(0, 1, 1, 0, "ClusterContainsServicesException")]
    [InlineData(0, 0, 1, 0, "ClusterContainsTasksException")]
    [InlineData(0, 0, 0, 1, "ClusterContainsTasksException")]
    public async Task Delete_ClusterInUse_RefusedWithTheFirstReason(int instances, int services, int running, int pending, string code)
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "busy" });
        var stored = (await Ecs.Store.Clusters.GetAsync(Partition, "busy", default))!;
        var busy = stored.Value with
        {
            RegisteredContainerInstancesCount = instances,
            ActiveServicesCount = services,
            RunningTasksCount = running,
            PendingTasksCount = pending,
        };
        await Ecs.Store.Store.ApplyAsync([Ecs.Store.Clusters.Put(Partition, "busy", busy, stored.Version)]);

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "busy" }, default).AsTask());

        Assert.Equal(code, error.Code);
        Assert.Equal(ClusterStatus.Active, Assert.Single((await DescribeAsync(["busy"])).Clusters!).Status);
    }

    [Fact]
    public async Task Describe_MissingClusters_AreFailuresWithTheirArn()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });
        const string foreign = "arn:aws:ecs:us-east-1:210987654321:cluster/prod";

        var response = await DescribeAsync(["prod", "nope", foreign, ArnPrefix + "prod"]);

        Assert.Equal([ArnPrefix + "prod", ArnPrefix + "prod"], response.Clusters!.Select(c => c.ClusterArn!));
        Assert.Equal(
            [new Failure { Arn = ArnPrefix + "nope", Reason = "MISSING" }, new Failure { Arn = foreign, Reason = "MISSING" }],
            response.Failures!);
    }

    [Fact]
    public async Task Describe_NoClustersNamed_DescribesTheDefaultCluster()
    {
        var missing = await DescribeAsync([]);
        await CreateAsync(new CreateClusterRequest());
        var found = await Ecs.Clusters.DescribeClusters(Ecs.Caller(), new DescribeClustersRequest(), default);

        Assert.Equal(new Failure { Arn = ArnPrefix + "default", Reason = "MISSING" }, Assert.Single(missing.Failures!));
        Assert.Equal(ArnPrefix + "default", Assert.Single(found.Clusters!).ClusterArn);
    }

    [Fact]
    public async Task Describe_WithoutInclude_LeavesOptionalPartsOut()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod", Tags = [new Tag { Key = "team", Value = "a" }] });

        var cluster = Assert.Single((await DescribeAsync(["prod"])).Clusters!);

        Assert.Empty(cluster.Tags!);
        Assert.Empty(cluster.Statistics!);
        Assert.Null(cluster.Settings);
        Assert.Null(cluster.Configuration);
        Assert.Null(cluster.Attachments);
    }

    [Fact]
    public async Task Describe_WithInclude_AddsTagsSettingsAndStatistics()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod", Tags = [new Tag { Key = "team", Value = "a" }] });

        var cluster = Assert.Single((await DescribeAsync(["prod"], [ClusterField.Tags, ClusterField.Settings, ClusterField.Statistics])).Clusters!);

        Assert.Equal([new Tag { Key = "team", Value = "a" }], cluster.Tags!);
        Assert.Equal("containerInsights", Assert.Single(cluster.Settings!).Name);
        Assert.Equal(12, cluster.Statistics!.Count);
        Assert.Contains(new KeyValuePair { Name = "runningEC2TasksCount", Value = "0" }, cluster.Statistics);
    }

    [Fact]
    public async Task List_SeveralPages_ActiveClustersOfTheRegionByName()
    {
        foreach (var name in new[] { "e", "c", "a", "d", "b" })
        {
            await CreateAsync(new CreateClusterRequest { ClusterName = name });
        }

        await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "b" }, default);
        await Ecs.Clusters.CreateCluster(Ecs.Caller(region: "eu-west-1"), new CreateClusterRequest { ClusterName = "elsewhere" }, default);

        var first = await Ecs.Clusters.ListClusters(Ecs.Caller(), new ListClustersRequest { MaxResults = 2 }, default);
        var second = await Ecs.Clusters.ListClusters(Ecs.Caller(), new ListClustersRequest { MaxResults = 2, NextToken = first.NextToken }, default);

        Assert.Equal([ArnPrefix + "a", ArnPrefix + "c"], first.ClusterArns!);
        Assert.Equal([ArnPrefix + "d", ArnPrefix + "e"], second.ClusterArns!);
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task UpdateSettings_ChangesOnlyTheNamedSetting()
    {
        await CreateAsync(new CreateClusterRequest { ClusterName = "prod" });

        var response = await Ecs.Clusters.UpdateClusterSettings(
            Ecs.Caller(),
            new UpdateClusterSettingsRequest { Cluster = "prod", Settings = [new ClusterSetting { Name = "containerInsights", Value = "enhanced" }] },
            default);

        Assert.Equal([new ClusterSetting { Name = "containerInsights", Value = "enhanced" }], response.Cluster!.Settings!);
        Assert.Equal("enhanced", Assert.Single(Assert.Single((await DescribeAsync(["prod"], [ClusterField.Settings])).Clusters!).Settings!).Value);
    }

    [Fact]
    public async Task Update_MissingCluster_ClusterNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.Clusters.UpdateCluster(Ecs.Caller(), new UpdateClusterRequest { Cluster = "nope" }, default).AsTask());

        Assert.Equal("ClusterNotFoundException", error.Code);
    }

    private async Task<Cluster> CreateAsync(CreateClusterRequest request) =>
        (await Ecs.Clusters.CreateCluster(Ecs.Caller(), request, default)).Cluster!;

    private async Task<DescribeClustersResponse> DescribeAsync(List<string> clusters, List<string>? include = null) =>
        await Ecs.Clusters.DescribeClusters(Ecs.Caller(), new DescribeClustersRequest { Clusters = clusters, Include = include }, default);

    private async Task<List<string>> ListAsync() =>
        (await Ecs.Clusters.ListClusters(Ecs.Caller(), new ListClustersRequest(), default)).ClusterArns!;
}
