namespace Berth.Agent.Docker;

/// <summary>Matches containers that carry label <see cref="Key"/> (with <see cref="Value"/>, when given). Several
/// filters must all match.</summary>
public sealed record LabelFilter(string Key, string? Value = null)
{
    /// <summary>Docker's filter syntax: "key" or "key=value".</summary>
    public override string ToString() => Value is null ? Key : Key + "=" + Value;
}
