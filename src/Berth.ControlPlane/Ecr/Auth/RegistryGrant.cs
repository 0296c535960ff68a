using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Auth;

/// <summary>What a registry password grants: the account and region its requests see, and the principal that asked for it
/// (whom repository policies are evaluated for).</summary>
public sealed record RegistryGrant(ResourceScope Scope, string PrincipalArn);
