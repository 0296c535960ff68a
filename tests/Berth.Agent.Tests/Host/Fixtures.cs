using Berth.Agent.Docker;
using Berth.Agent.Host;

namespace Berth.Agent.Tests.Host;

/// <summary>Options and engine facts shared by the host tests, so each test states only what it varies.</summary>
internal static class Fixtures
{
    public static readonly AccessKey AdminKey = new("AKIDADMIN", "admin-secret");

    public static AgentOptions Options(string cluster = "default") => new()
    {
        Cluster = cluster,
        Endpoint = new Uri("http://127.0.0.1:9400"),
        DataDir = Path.Combine(Path.GetTempPath(), "berth-host-" + Guid.NewGuid().ToString("N")),
        Region = "us-east-1",
        AdminKey = AdminKey,
    };

    public static DockerEngineInfo Engine(string architecture = "x86_64", Version? api = null, params string[] logDrivers) => new()
    {
        ServerVersion = "27.0.3",
        ServerApiVersion = api ?? new Version(1, 20),
        ApiVersion = api ?? new Version(1, 20),
        OsType = "linux",
        OperatingSystem = "Debian GNU/Linux 12 (bookworm)",
        Architecture = architecture,
        KernelVersion = "6.1.0",
        Cpus = 4,
        MemoryBytes = 8L * 1024 * 1024 * 1024,
        LoggingDrivers = logDrivers,
        DefaultLoggingDriver = "json-file",
        CgroupVersion = "2",
        Name = "host",
    };
}
