using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished child process did. Every failure message carries <see cref="Describe"/>: the command, its
/// input, its exit code and both output streams.</summary>
public sealed record ProcessResult(string CommandLine, string? Input, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    private const int MaxShownChars = 6000;

    public bool Succeeded => ExitCode == 0;

    /// <summary>Stdout parsed as JSON; fails the test (showing the command) when it is not JSON.</summary>
    public JsonNode Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Stdout) ?? throw new XunitException($"The command printed JSON null.\n\n{Describe()}");
            }
            catch (JsonException e)
            {
                throw new XunitException($"The command did not print JSON ({e.Message}).\n\n{Describe()}");
            }
        }
    }

    public ProcessResult AssertSuccess()
    {
        return Succeeded ? this : throw new XunitException($"The command failed with exit code {ExitCode}.\n\n{Describe()}");
    }

    /// <summary>Runs assertions over the JSON the command printed; a failing assertion reports the command beside it.</summary>
    /// <param name="context">More to show when an assertion fails, e.g. the output of a process involved.</param>
    public void Verify(Action<JsonNode> assertions, string? context = null)
    {
        var json = AssertSuccess().Json;
        try
        {
            assertions(json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new XunitException($"{e.GetType().Name}: {e.Message}\n{e.StackTrace}\n\n{Describe()}{(context is null ? "" : $"\n--- context ---\n{context}")}");
        }
    }

    /// <summary>The AWS CLI failed with this AWS error code (it prints "An error occurred (Code) when calling ...").</summary>
    public ProcessResult AssertAwsError(string code)
    {
        if (Succeeded || !Stderr.Contains($"({code})", StringComparison.Ordinal))
        {
            throw new XunitException($"Expected the AWS CLI to fail with {code}.\n\n{Describe()}");
        }

        return this;
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"$ {CommandLine}    (exit code {ExitCode}, {Elapsed.TotalSeconds:F1} s)");
        if (Input is not null)
        {
            text.AppendLine("--- stdin ---").AppendLine(Truncate(Input));
        }

        text.AppendLine("--- stdout ---").AppendLine(Truncate(Stdout));
        text.AppendLine("--- stderr ---").AppendLine(Truncate(Stderr));
        return text.ToString();
    }

    public override string ToString() => Describe();

    private static string Truncate(string text) =>
        text.Length <= MaxShownChars ? text : string.Concat(text.AsSpan(0, MaxShownChars), $"\n... ({text.Length - MaxShownChars} more chars)");
}
