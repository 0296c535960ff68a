namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The service scheduler's decision for one pass: pure, so the deployment rules are tested without a store or a clock.</summary>
public static class ServiceStep
{
    public static ServiceDecision Decide(ServiceSituation situation, IIdSource ids) => ServiceDecision.Nothing(situation.Service);
}
