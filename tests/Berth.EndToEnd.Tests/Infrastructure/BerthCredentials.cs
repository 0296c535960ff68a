using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>What <c>berth env</c> prints: the four variables that point an AWS client at a Berth endpoint.</summary>
public sealed partial record BerthCredentials(string AccessKeyId, string SecretAccessKey, string Region, string EndpointUrl)
{
    /// <summary>The variable names, in the order berth prints them.</summary>
    public static readonly string[] VariableNames = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"];

    /// <summary>Parses <c>export NAME=value</c> lines; fails the test when one is missing.</summary>
    public static BerthCredentials Parse(ProcessResult env)
    {
        var values = ExportLine().Matches(env.Stdout).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.TrimEnd('\r'));
        string Get(string name) =>
            values.TryGetValue(name, out var value) ? value : throw new XunitException($"berth env printed no {name}.\n\n{env.Describe()}");
        return new BerthCredentials(Get("AWS_ACCESS_KEY_ID"), Get("AWS_SECRET_ACCESS_KEY"), Get("AWS_DEFAULT_REGION"), Get("AWS_ENDPOINT_URL"));
    }

    [GeneratedRegex("^export ([A-Z_]+)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}
