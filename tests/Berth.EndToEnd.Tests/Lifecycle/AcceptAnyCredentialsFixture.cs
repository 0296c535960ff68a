using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Lifecycle;

/// <summary>A server started with <c>--accept-any-credentials --account-id 111122223333</c>.</summary>
public sealed class AcceptAnyCredentialsFixture : BerthServerFixture
{
    public const string DataDirAccount = "111122223333";

    protected override BerthServerOptions CreateOptions(string dataDir) =>
        new() { DataDir = dataDir, AcceptAnyCredentials = true, AccountId = DataDirAccount };
}
