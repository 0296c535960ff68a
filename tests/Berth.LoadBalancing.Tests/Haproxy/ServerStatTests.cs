using Berth.LoadBalancing.Haproxy;

namespace Berth.LoadBalancing.Tests.Haproxy;

public sealed class ServerStatTests
{
    [Fact]
    public void ParseCsv_ReadsServerRowsByColumnName()
    {
        const string csv = """
            # pxname,svname,qcur,status,weight,check_status,check_code,check_desc
            port_80,FRONTEND,,OPEN,,,,
            tg_web_1,i-1_8080_ab,0,DOWN,1,L7STS,500,HTTP status check returned code <3C>500<3E>, with a comma
            tg_web_1,i-2_8080_cd,0,UP,1,* L7OK,200,Layer7 check passed
            tg_web_1,BACKEND,0,DOWN,1,,,

            """;

        var stats = ServerStat.ParseCsv(csv);

        Assert.Equal(
            [
                new ServerStat(new ServerName("tg_web_1", "i-1_8080_ab"), "DOWN", "L7STS", "500"),
                new ServerStat(new ServerName("tg_web_1", "i-2_8080_cd"), "UP", "L7OK", "200", CheckInProgress: true),
            ],
            stats);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Unknown command\n")]
    [InlineData("# pxname,svname\nb,s\n")]
    public void ParseCsv_WithoutTheNeededColumnsIsEmpty(string csv) => Assert.Empty(ServerStat.ParseCsv(csv));
}
