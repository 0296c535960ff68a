using Berth.LoadBalancing.Haproxy;

namespace Berth.LoadBalancing.Tests.Haproxy;

public sealed class ServerStateFileTests
{
    private const string Header = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
        + "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state "
        + "bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port";

    private const string SavedUp = "3 tg_web 1 old 127.0.0.1 2 0 1 1 40 15 3 4 6 0 0 0 - 8080 - 0 0 - - 0";

    private static readonly CheckedServer Old = new(new ServerName("tg_web", "old"), "127.0.0.1", 8080);
    private static readonly CheckedServer New = new(new ServerName("tg_web", "new"), "::1", 8081);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Seed_NothingSaved_EveryCheckedServerStartsDownWithNoCheckPassed()
    {
        var lines = Lines(ServerStateFile.Seed(null, [Old, New]));

        Assert.Equal(
            ["1", Header,
                "0 tg_web 0 old 127.0.0.1 0 0 1 1 0 1 0 0 6 0 0 0 - 8080 - 0 0 - - 0",
                "0 tg_web 0 new ::1 0 0 1 1 0 1 0 0 6 0 0 0 - 8081 - 0 0 - - 0"],
            lines);
    }

    [Fact]
    public void Seed_SavedServersKeepTheirLinesAndOnlyNewOnesAreSeeded()
    {
        var lines = Lines(ServerStateFile.Seed($"1\n{Header}\n{SavedUp}\n\n", [Old, New]));

        Assert.Equal(["1", Header, SavedUp, "0 tg_web 0 new ::1 0 0 1 1 0 1 0 0 6 0 0 0 - 8081 - 0 0 - - 0"], lines);
    }

    [Fact]
    public void Seed_SameServerNameInAnotherBackendIsNew()
    {
        var elsewhere = Old with { Name = new ServerName("tg_api", "old") };

        var lines = Lines(ServerStateFile.Seed($"1\n{Header}\n{SavedUp}\n", [elsewhere]));

        Assert.Equal("0 tg_api 0 old 127.0.0.1 0 0 1 1 0 1 0 0 6 0 0 0 - 8080 - 0 0 - - 0", lines[^1]);
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2\n# other format\n3 tg_web 1 old 127.0.0.1 2")]
    [InlineData("Unknown command")]
    public void Seed_UnreadableSavedStateIsIgnored(string saved)
    {
        var lines = Lines(ServerStateFile.Seed(saved, [Old]));

        Assert.Equal(["1", Header, "0 tg_web 0 old 127.0.0.1 0 0 1 1 0 1 0 0 6 0 0 0 - 8080 - 0 0 - - 0"], lines);
    }
}
