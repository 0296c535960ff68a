using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>A service's event list as DescribeServices shows it: newest first, at most 100.</summary>
public static class ServiceEvents
{
    public const int Kept = 100;

    /// <summary>The service with <paramref name="message"/> recorded as its newest event.</summary>
    public static StoredService Add(StoredService service, string message, DateTimeOffset now, IIdSource ids)
    {
        var added = new ServiceEvent { Id = Guid.ParseExact(ids.NewId(), "N").ToString(), CreatedAt = now, Message = message };
        return service with { Service = service.Service with { Events = [added, .. (service.Service.Events ?? []).Take(Kept - 1)] } };
    }
}
