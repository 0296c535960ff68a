using System.Collections.Frozen;
using Berth.Aws.Model;

namespace Berth.Aws.Dispatch;

/// <summary>One AWS API that Berth serves: its model, the handlers of the operations implemented so far, and its error dialect.</summary>
/// <param name="ValidationErrorCode">The error a service answers for a request that breaks the model's constraints
/// (ECS says <c>InvalidParameterException</c>, most services <c>ValidationException</c>).</param>
public sealed record AwsService(ServiceModel Model, FrozenDictionary<string, OperationHandler> Handlers, string ValidationErrorCode);
