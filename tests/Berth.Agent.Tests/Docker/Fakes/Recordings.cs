namespace Berth.Agent.Tests.Docker.Fakes;

/// <summary>The recorded engine answers in Docker/Recorded (see its README.md).</summary>
internal static class Recordings
{
    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Docker", "Recorded", name);
}
