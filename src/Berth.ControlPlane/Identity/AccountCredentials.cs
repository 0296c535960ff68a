namespace Berth.ControlPlane.Identity;

/// <summary>The administrator's key pair of a data dir and the account it belongs to.</summary>
public sealed record AccountCredentials(string AccountId, string AccessKeyId, string SecretAccessKey);
