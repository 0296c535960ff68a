using System.Text;
using Berth.Aws.Dispatch;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Identity;
using Berth.State.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Docs;

/// <summary>docs/compatibility.md, rendered from the dispatch table itself so that it cannot drift from what Berth serves.</summary>
public static class CompatibilityReport
{
    /// <summary>Builds the control plane's services (on a throwaway store) and renders the operations they bind.</summary>
    public static async Task<string> RenderAsync()
    {
        await using var store = await SqliteStore.OpenTemporaryAsync().ConfigureAwait(false);
        // Building the services creates files in the data dir (the registry's key and blob folders): a throwaway one.
        var dataDir = Directory.CreateTempSubdirectory("berth-compatibility-").FullName;
        try
        {
            var options = new ControlPlaneOptions { DataDir = dataDir };
            await using var provider = new ServiceCollection()
                .AddLogging()
                .AddControlPlane(options, new AccountCredentials("000000000000", "AKIDUNUSED", "unused"), store)
                .BuildServiceProvider();
            return Render(provider.GetServices<AwsService>());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    public static string Render(IEnumerable<AwsService> services)
    {
        var text = new StringBuilder();
        text.AppendLine("# Compatibility");
        text.AppendLine();
        text.AppendLine("Every operation of every AWS API that Berth serves, and whether Berth implements it yet. Operations not yet");
        text.AppendLine("implemented answer HTTP 501 with the error code `NotImplemented`. Generated from the dispatch table by");
        text.AppendLine("`./berth compatibility > docs/compatibility.md`; a test fails when this page and the code disagree.");
        foreach (var service in services.OrderBy(s => s.Model.Metadata.ServiceId, StringComparer.Ordinal))
        {
            var metadata = service.Model.Metadata;
            var operations = service.Model.Operations.Keys.Order(StringComparer.Ordinal).ToList();
            var implemented = operations.Count(service.Handlers.ContainsKey);
            text.AppendLine();
            text.AppendLine($"## {metadata.ServiceId} ({metadata.EndpointPrefix}, API {metadata.ApiVersion}, protocol {metadata.Protocol})");
            text.AppendLine();
            text.AppendLine($"{implemented} of {operations.Count} operations implemented.");
            text.AppendLine();
            text.AppendLine("| Operation | Status |");
            text.AppendLine("|---|---|");
            foreach (var operation in operations)
            {
                text.AppendLine($"| {operation} | {(service.Handlers.ContainsKey(operation) ? "implemented" : "not yet")} |");
            }
        }

        return text.ToString();
    }
}
