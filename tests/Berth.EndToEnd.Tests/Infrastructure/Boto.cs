namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a boto3 snippet in a fresh python3, prefixed with <c>from berth_e2e import *</c> (Python/berth_e2e.py).</summary>
/// <remarks>One snippet can make many calls in one process, which is far cheaper than one AWS CLI process per call.</remarks>
public static class Boto
{
    private static readonly string HelperDirectory = Path.Combine(AppContext.BaseDirectory, "Python");

    public static Task<ProcessResult> RunAsync(ClientEnvironment environment, string snippet, params string[] arguments)
    {
        var script = "from berth_e2e import *\n" + snippet + "\n";
        var variables = environment.Variables
            .SetItem("PYTHONPATH", HelperDirectory)
            .SetItem("PYTHONDONTWRITEBYTECODE", "1")
            .SetItem("PYTHONUNBUFFERED", "1");
        return ProcessRunner.RunAsync("python3", ["-", .. arguments], variables, input: script);
    }
}
