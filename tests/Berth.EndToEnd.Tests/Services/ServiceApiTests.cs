using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Services;

/// <summary>The service API through the real AWS CLI, without agents: no task starts, so only what the API itself answers is
/// checked (the documents, their defaults, deployments and errors).</summary>
public sealed class ServiceApiTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    private const string Container = """[{"name": "app", "image": "nginx", "memoryReservation": 64}]""";

    [Fact]
    public async Task CreateDescribeListUpdateDelete_ThroughTheCli()
    {
        await SetUpAsync("svc-life", "svc-life-web");

        var created = (await fixture.AwsAsync(
            "ecs", "create-service", "--cluster", "svc-life", "--service-name", "web", "--task-definition", "svc-life-web", "--desired-count", "2",
            "--tags", "key=team,value=core")).AssertSuccess().Json;
        var described = (await fixture.AwsAsync("ecs", "describe-services", "--cluster", "svc-life", "--services", "web", "--include", "TAGS")).AssertSuccess().Json;
        var listed = (await fixture.AwsAsync("ecs", "list-services", "--cluster", "svc-life")).AssertSuccess().Json;
        var deployments = (await fixture.AwsAsync("ecs", "list-service-deployments", "--cluster", "svc-life", "--service", "web")).AssertSuccess().Json;
        await fixture.AwsAsync("ecs", "register-task-definition", "--family", "svc-life-web", "--container-definitions", Container);
        var updated = (await fixture.AwsAsync("ecs", "update-service", "--cluster", "svc-life", "--service", "web", "--task-definition", "svc-life-web:2", "--desired-count", "0"))
            .AssertSuccess().Json;
        var deleted = (await fixture.AwsAsync("ecs", "delete-service", "--cluster", "svc-life", "--service", "web")).AssertSuccess().Json;
        var listedAfter = (await fixture.AwsAsync("ecs", "list-services", "--cluster", "svc-life")).AssertSuccess().Json;
        var cluster = (await fixture.AwsAsync("ecs", "describe-clusters", "--clusters", "svc-life")).AssertSuccess().Json;

        Assert.EndsWith(":service/svc-life/web", created.Str("service.serviceArn"), StringComparison.Ordinal);
        Assert.Equal(("ACTIVE", 2, 0), (created.Str("service.status"), created.Int("service.desiredCount"), created.Int("service.runningCount")));
        Assert.Equal(("EC2", "REPLICA"), (created.Str("service.launchType"), created.Str("service.schedulingStrategy")));
        Assert.Equal((100, 200), (created.Int("service.deploymentConfiguration.minimumHealthyPercent"), created.Int("service.deploymentConfiguration.maximumPercent")));
        Assert.Matches(@"^ecs-svc/\d{19}$", created.Str("service.deployments.0.id"));
        Assert.Equal(("PRIMARY", "IN_PROGRESS"), (created.Str("service.deployments.0.status"), created.Str("service.deployments.0.rolloutState")));
        Assert.Equal("core", described.Tags("services.0.tags")["team"]);
        Assert.Empty(described.Items("failures"));
        Assert.Equal([created.Str("service.serviceArn")!], listed.Strings("serviceArns"));
        Assert.Equal("IN_PROGRESS", deployments.Str("serviceDeployments.0.status"));
        Assert.Equal(["PRIMARY", "ACTIVE"], updated.Items("service.deployments").Select(d => d.Str("status")));
        Assert.EndsWith(":task-definition/svc-life-web:2", updated.Str("service.taskDefinition"), StringComparison.Ordinal);
        Assert.Equal(("DRAINING", 0), (deleted.Str("service.status"), deleted.Int("service.desiredCount")));
        Assert.Empty(listedAfter.Strings("serviceArns"));
        Assert.Equal(0, cluster.Int("clusters.0.activeServicesCount"));
    }

    [Fact]
    public async Task Errors_DeleteScaledAboveZero_UpdateUnknownService_DescribeMissing()
    {
        await SetUpAsync("svc-errors", "svc-errors-web");
        (await fixture.AwsAsync(
            "ecs", "create-service", "--cluster", "svc-errors", "--service-name", "web", "--task-definition", "svc-errors-web", "--desired-count", "1"))
            .AssertSuccess();

        var scaled = await fixture.AwsAsync("ecs", "delete-service", "--cluster", "svc-errors", "--service", "web");
        var unknown = await fixture.AwsAsync("ecs", "update-service", "--cluster", "svc-errors", "--service", "nope", "--desired-count", "1");
        var missing = (await fixture.AwsAsync("ecs", "describe-services", "--cluster", "svc-errors", "--services", "nope")).AssertSuccess().Json;

        scaled.AssertAwsError("InvalidParameterException");
        Assert.Contains("The service cannot be stopped while it is scaled above 0.", scaled.Stderr, StringComparison.Ordinal);
        unknown.AssertAwsError("ServiceNotFoundException");
        Assert.Equal("MISSING", missing.Str("failures.0.reason"));
        Assert.EndsWith(":service/svc-errors/nope", missing.Str("failures.0.arn"), StringComparison.Ordinal);
    }

    private async Task SetUpAsync(string cluster, string family)
    {
        (await fixture.AwsAsync("ecs", "create-cluster", "--cluster-name", cluster)).AssertSuccess();
        (await fixture.AwsAsync("ecs", "register-task-definition", "--family", family, "--container-definitions", Container)).AssertSuccess();
    }
}
