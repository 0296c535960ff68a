using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using KeyValuePair = Berth.Aws.Generated.Ecs.KeyValuePair;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

/// <summary>The task definition handlers against a real (temporary) SQLite store.</summary>
public sealed class TaskDefinitionHandlersTests : EcsHandlerTests
{
    private const string ArnPrefix = "arn:aws:ecs:us-east-1:123456789012:task-definition/";

    [Fact]
    public async Task Register_SameFamilyTwice_RevisionsOneAndTwo()
    {
        var first = await RegisterAsync("web");
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await RegisterAsync("web");

        Assert.Equal((1, ArnPrefix + "web:1"), (first.Revision, first.TaskDefinitionArn));
        Assert.Equal((2, ArnPrefix + "web:2"), (second.Revision, second.TaskDefinitionArn));
        Assert.Equal(EcsHarness.Start.AddMinutes(1), second.RegisteredAt);
        Assert.Equal(EcsHarness.AliceArn, second.RegisteredBy);
    }

    [Fact]
    public async Task Register_AfterDeregisteringTheLatest_RevisionKeepsCounting()
    {
        await RegisterAsync("web");
        await RegisterAsync("web");
        await DeregisterAsync("web:2");
        await DeregisterAsync("web:1");

        var third = await RegisterAsync("web");

        Assert.Equal(3, third.Revision);
    }

    [Fact]
    public async Task Register_ConcurrentlyInOneFamily_EveryRevisionOnce()
    {
        var registrations = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => RegisterAsync("web"))));

        Assert.Equal(Enumerable.Range(1, 8), registrations.Select(d => d.Revision!.Value).Order());
    }

    [Fact]
    public async Task Register_FamiliesAreCountedSeparately()
    {
        await RegisterAsync("web");
        await RegisterAsync("web");

        Assert.Equal(1, (await RegisterAsync("web-api")).Revision);
    }

    [Fact]
    public async Task Register_BreakingARule_ClientExceptionAndNothingStored()
    {
        var request = Request("web") with { ContainerDefinitions = [] };

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), request, default).AsTask());

        Assert.Equal(("ClientException", "Container list cannot be empty."), (error.Code, error.Message));
        Assert.Empty(await ListAsync(new ListTaskDefinitionsRequest { Status = TaskDefinitionStatus.Active }));
        Assert.Equal(1, (await RegisterAsync("web")).Revision);
    }

    [Fact]
    public async Task Register_ReservedTagKey_InvalidParameterException()
    {
        var request = Request("web") with { Tags = [new Tag { Key = "aws:x", Value = "v" }] };

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), request, default).AsTask());

        Assert.Equal("InvalidParameterException", error.Code);
    }

    [Fact]
    public async Task Register_LargerThan64KiB_ClientException()
    {
        var environment = Enumerable.Range(0, 700).Select(i => new KeyValuePair { Name = $"VARIABLE_{i}", Value = new string('x', 90) }).ToList();
        var request = Request("web") with { ContainerDefinitions = [Container() with { Environment = environment }] };

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), request, default).AsTask());

        Assert.Equal(("ClientException", "The task definition is larger than the 64 KiB ECS allows."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Register_WithTags_AnswersThemAndDescribeShowsThemOnlyWhenAsked()
    {
        var request = Request("web") with { Tags = [new Tag { Key = "team", Value = "web" }, new Tag { Key = "bare" }] };

        var response = await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), request, default);
        var plain = await DescribeAsync("web:1");
        var withTags = await Ecs.TaskDefinitions.DescribeTaskDefinition(
            Ecs.Caller(), new DescribeTaskDefinitionRequest { TaskDefinition = "web:1", Include = [TaskDefinitionField.Tags] }, default);

        Assert.Equal([new Tag { Key = "team", Value = "web" }, new Tag { Key = "bare", Value = "" }], response.Tags!);
        Assert.Null(plain.Tags);
        Assert.Equal(response.Tags!, withTags.Tags!);
    }

    [Fact]
    public async Task Describe_BareFamily_IsTheLatestActiveRevision()
    {
        await RegisterAsync("web");
        await RegisterAsync("web");
        await RegisterAsync("web");
        await DeregisterAsync("web:3");

        var latest = await DescribeAsync("web");

        Assert.Equal(2, latest.TaskDefinition!.Revision);
        Assert.Equal(TaskDefinitionStatus.Active, latest.TaskDefinition.Status);
    }

    [Fact]
    public async Task Describe_BareFamilyWithLongerFamilyBeside_DoesNotCrossFamilies()
    {
        await RegisterAsync("web");
        await RegisterAsync("web-api");
        await RegisterAsync("web-api");

        Assert.Equal(ArnPrefix + "web:1", (await DescribeAsync("web")).TaskDefinition!.TaskDefinitionArn);
    }

    [Fact]
    public async Task Describe_ExactRevision_IsFoundEvenWhenInactive()
    {
        await RegisterAsync("web");
        await DeregisterAsync("web:1");

        var byRevision = await DescribeAsync("web:1");
        var byArn = await DescribeAsync(ArnPrefix + "web:1");

        Assert.Equal(TaskDefinitionStatus.Inactive, byRevision.TaskDefinition!.Status);
        Assert.Equal(
            (ArnPrefix + "web:1", TaskDefinitionStatus.Inactive),
            (byArn.TaskDefinition!.TaskDefinitionArn, byArn.TaskDefinition.Status));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("web:2")]
    [InlineData("web:0")]
    [InlineData("arn:aws:ecs:us-east-1:210987654321:task-definition/web:1")]
    public async Task Describe_NothingThere_ClientException(string identifier)
    {
        await RegisterAsync("web");

        var error = await Assert.ThrowsAsync<AwsException>(() => DescribeAsync(identifier));

        Assert.Equal(("ClientException", "Unable to describe task definition."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Describe_BareFamilyWithEveryRevisionInactive_ClientException()
    {
        await RegisterAsync("web");
        await DeregisterAsync("web:1");

        await Assert.ThrowsAsync<AwsException>(() => DescribeAsync("web"));
    }

    [Fact]
    public async Task Describe_FromAnotherRegionOrAccount_SeesNothing()
    {
        await RegisterAsync("web");

        await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.TaskDefinitions.DescribeTaskDefinition(Ecs.Caller(region: "eu-west-1"), new DescribeTaskDefinitionRequest { TaskDefinition = "web:1" }, default).AsTask());
        await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.TaskDefinitions.DescribeTaskDefinition(Ecs.Caller(account: "210987654321"), new DescribeTaskDefinitionRequest { TaskDefinition = "web:1" }, default).AsTask());
    }

    [Fact]
    public async Task Deregister_ActiveRevision_IsInactiveWithTime()
    {
        await RegisterAsync("web");
        Ecs.Time.Advance(TimeSpan.FromHours(1));

        var response = await Ecs.TaskDefinitions.DeregisterTaskDefinition(Ecs.Caller(), new DeregisterTaskDefinitionRequest { TaskDefinition = ArnPrefix + "web:1" }, default);

        Assert.Equal(TaskDefinitionStatus.Inactive, response.TaskDefinition!.Status);
        Assert.Equal(EcsHarness.Start.AddHours(1), response.TaskDefinition.DeregisteredAt);
    }

    [Fact]
    public async Task Deregister_Twice_AnswersTheInactiveRevisionAndCountsOnce()
    {
        await RegisterAsync("web");
        await RegisterAsync("web");
        await DeregisterAsync("web:1");

        var again = await DeregisterAsync("web:1");

        Assert.Equal(TaskDefinitionStatus.Inactive, again.Status);
        Assert.Equal(["web"], await FamiliesAsync(TaskDefinitionFamilyStatus.Active));
        await DeregisterAsync("web:2");
        Assert.Equal(["web"], await FamiliesAsync(TaskDefinitionFamilyStatus.Inactive));
    }

    [Theory]
    [InlineData("web", "The task definition must be given as family:revision or as a full ARN.")]
    [InlineData("web:9", "The specified task definition does not exist.")]
    [InlineData("nope:1", "The specified task definition does not exist.")]
    public async Task Deregister_NoExactExistingRevision_ClientException(string identifier, string message)
    {
        await RegisterAsync("web");

        var error = await Assert.ThrowsAsync<AwsException>(() => DeregisterAsync(identifier));

        Assert.Equal(("ClientException", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task List_Default_ActiveRevisionsByFamilyThenRevision()
    {
        await RegisterAsync("web-api");
        await RegisterAsync("web");
        await RegisterAsync("api");
        await RegisterAsync("web");
        await RegisterAsync("web");
        await DeregisterAsync("web:2");

        var arns = await ListAsync(new ListTaskDefinitionsRequest());

        Assert.Equal(Arns("api:1", "web:1", "web:3", "web-api:1"), arns);
    }

    [Fact]
    public async Task List_RevisionsPastNine_SortNumerically()
    {
        for (var i = 0; i < 11; i++)
        {
            await RegisterAsync("web");
        }

        var arns = await ListAsync(new ListTaskDefinitionsRequest { Sort = SortOrder.Desc, MaxResults = 3 }, pageOnly: true);

        Assert.Equal(Arns("web:11", "web:10", "web:9"), arns);
    }

    [Fact]
    public async Task List_Descending_ReversesFamilyAndRevision()
    {
        await RegisterAsync("web");
        await RegisterAsync("web");
        await RegisterAsync("api");

        Assert.Equal(Arns("web:2", "web:1", "api:1"), await ListAsync(new ListTaskDefinitionsRequest { Sort = SortOrder.Desc }));
    }

    [Fact]
    public async Task List_FamilyPrefix_IsExactlyThatFamily()
    {
        await RegisterAsync("web");
        await RegisterAsync("web-api");
        await RegisterAsync("web");

        Assert.Equal(Arns("web:1", "web:2"), await ListAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "web" }));
        Assert.Empty(await ListAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "we" }));
    }

    [Theory]
    [InlineData(TaskDefinitionStatus.Active, "web:2")]
    [InlineData(TaskDefinitionStatus.Inactive, "web:1")]
    [InlineData(TaskDefinitionStatus.DeleteInProgress, "web:3")]
    public async Task List_Status_FiltersByIt(string status, string expected)
    {
        await RegisterAsync("web");
        await RegisterAsync("web");
        await RegisterAsync("web");
        await DeregisterAsync("web:1");
        await DeregisterAsync("web:3");
        await DeleteAsync("web:3");

        Assert.Equal(Arns(expected), await ListAsync(new ListTaskDefinitionsRequest { Status = status }));
    }

    [Fact]
    public async Task List_Pages_CoverEveryRevisionOnceAndSkipFilteredRows()
    {
        for (var i = 0; i < 7; i++)
        {
            await RegisterAsync(i % 2 == 0 ? "api" : "web");
        }

        await DeregisterAsync("api:2");
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await Ecs.TaskDefinitions.ListTaskDefinitions(Ecs.Caller(), new ListTaskDefinitionsRequest { MaxResults = 2, NextToken = token }, default);
            pages.Add(page.TaskDefinitionArns!);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(Arns("api:1", "api:3", "api:4", "web:1", "web:2", "web:3"), pages.SelectMany(p => p));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(2, p.Count));
    }

    [Theory]
    [InlineData(0, null, "maxResults must be between 1 and 100.")]
    [InlineData(101, null, "maxResults must be between 1 and 100.")]
    [InlineData(null, "garbage", "Invalid nextToken.")]
    public async Task List_BadPaging_InvalidParameterException(int? maxResults, string? token, string message)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.TaskDefinitions.ListTaskDefinitions(Ecs.Caller(), new ListTaskDefinitionsRequest { MaxResults = maxResults, NextToken = token }, default).AsTask());

        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task Families_ByStatus_ActiveWhileAnyRevisionIsActive()
    {
        await RegisterAsync("api");
        await RegisterAsync("web");
        await RegisterAsync("web");
        await RegisterAsync("worker");
        await DeregisterAsync("web:1");
        await DeregisterAsync("worker:1");

        Assert.Equal(["api", "web"], await FamiliesAsync(TaskDefinitionFamilyStatus.Active));
        Assert.Equal(["worker"], await FamiliesAsync(TaskDefinitionFamilyStatus.Inactive));
        Assert.Equal(["api", "web", "worker"], await FamiliesAsync(TaskDefinitionFamilyStatus.All));
        Assert.Equal(["api", "web", "worker"], await FamiliesAsync(null));
    }

    [Fact]
    public async Task Families_Prefix_IsAPrefix()
    {
        await RegisterAsync("web");
        await RegisterAsync("web-api");
        await RegisterAsync("api");

        var response = await Ecs.TaskDefinitions.ListTaskDefinitionFamilies(Ecs.Caller(), new ListTaskDefinitionFamiliesRequest { FamilyPrefix = "we" }, default);

        Assert.Equal(["web", "web-api"], response.Families!);
    }

    [Fact]
    public async Task Families_Pages_CoverEveryFamilyOnce()
    {
        foreach (var family in new[] { "e", "d", "c", "b", "a" })
        {
            await RegisterAsync(family);
        }

        var first = await Ecs.TaskDefinitions.ListTaskDefinitionFamilies(Ecs.Caller(), new ListTaskDefinitionFamiliesRequest { MaxResults = 3 }, default);
        var second = await Ecs.TaskDefinitions.ListTaskDefinitionFamilies(
            Ecs.Caller(), new ListTaskDefinitionFamiliesRequest { MaxResults = 3, NextToken = first.NextToken }, default);

        Assert.Equal(["a", "b", "c"], first.Families!);
        Assert.Equal(["d", "e"], second.Families!);
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task Delete_InactiveRevision_IsDeleteInProgress()
    {
        await RegisterAsync("web");
        await DeregisterAsync("web:1");
        Ecs.Time.Advance(TimeSpan.FromDays(1));

        var response = await Ecs.TaskDefinitions.DeleteTaskDefinitions(
            Ecs.Caller(), new DeleteTaskDefinitionsRequest { TaskDefinitions = [ArnPrefix + "web:1"] }, default);

        var deleted = Assert.Single(response.TaskDefinitions!);
        Assert.Equal(TaskDefinitionStatus.DeleteInProgress, deleted.Status);
        Assert.Equal(EcsHarness.Start.AddDays(1), deleted.DeleteRequestedAt);
        Assert.Empty(response.Failures!);
        Assert.Equal(TaskDefinitionStatus.DeleteInProgress, (await DescribeAsync("web:1")).TaskDefinition!.Status);
    }

    [Fact]
    public async Task Delete_Mixed_DeletesWhatItCanAndReportsTheRest()
    {
        await RegisterAsync("web");
        await RegisterAsync("web");
        await DeregisterAsync("web:1");

        var response = await Ecs.TaskDefinitions.DeleteTaskDefinitions(
            Ecs.Caller(), new DeleteTaskDefinitionsRequest { TaskDefinitions = ["web:1", "web:2", "web:7", "web"] }, default);

        Assert.Equal(ArnPrefix + "web:1", Assert.Single(response.TaskDefinitions!).TaskDefinitionArn);
        Assert.Equal(
            [
                new Failure { Arn = ArnPrefix + "web:2", Reason = "The specified task definition is still in ACTIVE status. Please deregister the target and try again." },
                new Failure { Arn = ArnPrefix + "web:7", Reason = "The specified task definition does not exist." },
                new Failure { Arn = "web", Reason = "The task definition must be given as family:revision or as a full ARN." },
            ],
            response.Failures!);
    }

    [Fact]
    public async Task Delete_Twice_AnswersTheRevisionAgain()
    {
        await RegisterAsync("web");
        await DeregisterAsync("web:1");
        await DeleteAsync("web:1");
        Ecs.Time.Advance(TimeSpan.FromHours(1));

        var again = await Ecs.TaskDefinitions.DeleteTaskDefinitions(Ecs.Caller(), new DeleteTaskDefinitionsRequest { TaskDefinitions = ["web:1"] }, default);

        Assert.Equal(EcsHarness.Start, Assert.Single(again.TaskDefinitions!).DeleteRequestedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task Delete_NoneOrMoreThanTen_InvalidParameterException(int count)
    {
        var identifiers = Enumerable.Range(1, count).Select(i => $"web:{i}").ToList();

        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.TaskDefinitions.DeleteTaskDefinitions(Ecs.Caller(), new DeleteTaskDefinitionsRequest { TaskDefinitions = identifiers }, default).AsTask());

        Assert.Equal(("InvalidParameterException", "taskDefinitions must list between 1 and 10 task definitions."), (error.Code, error.Message));
    }

    private static RegisterTaskDefinitionRequest Request(string family) => new() { Family = family, ContainerDefinitions = [Container()] };

    private static ContainerDefinition Container() => new() { Name = "app", Image = "nginx", Memory = 256 };

    private static List<string> Arns(params string[] revisions) => [.. revisions.Select(r => ArnPrefix + r)];

    private async Task<TaskDefinition> RegisterAsync(string family) =>
        (await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), Request(family), default)).TaskDefinition!;

    private async Task<TaskDefinition> DeregisterAsync(string identifier) =>
        (await Ecs.TaskDefinitions.DeregisterTaskDefinition(Ecs.Caller(), new DeregisterTaskDefinitionRequest { TaskDefinition = identifier }, default)).TaskDefinition!;

    private async Task DeleteAsync(string identifier) =>
        Assert.Single((await Ecs.TaskDefinitions.DeleteTaskDefinitions(Ecs.Caller(), new DeleteTaskDefinitionsRequest { TaskDefinitions = [identifier] }, default)).TaskDefinitions!);

    private async Task<DescribeTaskDefinitionResponse> DescribeAsync(string identifier) =>
        await Ecs.TaskDefinitions.DescribeTaskDefinition(Ecs.Caller(), new DescribeTaskDefinitionRequest { TaskDefinition = identifier }, default);

    /// <summary>Every page (or only the first), concatenated.</summary>
    private async Task<List<string>> ListAsync(ListTaskDefinitionsRequest request, bool pageOnly = false)
    {
        var arns = new List<string>();
        string? token = null;
        do
        {
            var page = await Ecs.TaskDefinitions.ListTaskDefinitions(Ecs.Caller(), request with { NextToken = token }, default);
            arns.AddRange(page.TaskDefinitionArns!);
            token = pageOnly ? null : page.NextToken;
        }
        while (token is not null);

        return arns;
    }

    private async Task<List<string>> FamiliesAsync(string? status)
    {
        var response = await Ecs.TaskDefinitions.ListTaskDefinitionFamilies(Ecs.Caller(), new ListTaskDefinitionFamiliesRequest { Status = status }, default);
        return response.Families!;
    }
}
