namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>One request ECS must refuse: a boto3 operation with raw parameters (not checked client-side) and the
/// answer it must get.</summary>
/// <param name="Parameters">JSON; <c>{clusterArn}</c> and <c>{taskDefinitionArn}</c> stand for the seeded resources.</param>
/// <param name="Message">A fragment the error message must contain.</param>
public sealed record InvalidRequestCase(string Label, string Operation, string Parameters, string Code, int Status, string Message);
