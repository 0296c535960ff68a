using Berth.Aws.Protocol;
using Berth.ControlPlane.Logs.Events;
using Berth.ControlPlane.Logs.Storage;

namespace Berth.ControlPlane.Tests.Logs;

public sealed class EventTokenTests
{
    [Theory]
    [InlineData(true, 0L, 0L)]
    [InlineData(false, 1_763_726_400_000L, 42L)]
    [InlineData(true, long.MaxValue, long.MaxValue)]
    public void Parse_WhatToStringWrote_GivesTheSameToken(bool forward, long timestamp, long sequence)
    {
        var token = new EventToken(forward, new EventPosition(timestamp, sequence));

        Assert.Equal(token, EventToken.Parse(token.ToString()));
        Assert.StartsWith(forward ? "f/" : "b/", token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("f/12")]
    [InlineData("x/0000000000000000000000000000000000000000")]
    [InlineData("f/00000000000000000000-0000000000000000000")]
    public void Parse_NotABerthToken_IsInvalidParameter(string token) =>
        Assert.Equal("InvalidParameterException", Assert.Throws<AwsException>(() => EventToken.Parse(token)).Code);
}
