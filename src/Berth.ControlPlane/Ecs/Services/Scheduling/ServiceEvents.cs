using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>A service's event list as DescribeServices shows it: newest first, at most 100, and a message that repeats the
/// newest one left out until 6 hours have passed (ECS repeats "has reached a steady state." that often while steady).</summary>
public static class ServiceEvents
{
    public const int Kept = 100;

    public static readonly TimeSpan RepeatAfter = TimeSpan.FromHours(6);

    /// <summary>The service with <paramref name="message"/> recorded as its newest event; the service itself when the newest
    /// event already says so and is younger than <see cref="RepeatAfter"/>.</summary>
    public static StoredService Add(StoredService service, string message, DateTimeOffset now, IIdSource ids)
    {
        if (IsRepeat(service, message, now))
        {
            return service;
        }

        var added = new ServiceEvent { Id = Guid.ParseExact(ids.NewId(), "N").ToString(), CreatedAt = now, Message = message };
        return service with { Service = service.Service with { Events = [added, .. (service.Service.Events ?? []).Take(Kept - 1)] } };
    }

    /// <summary>Whether <paramref name="message"/> would be suppressed now as a repeat of the newest event.</summary>
    public static bool IsRepeat(StoredService service, string message, DateTimeOffset now) =>
        service.Service.Events is [var newest, ..] && newest.Message == message && now - newest.CreatedAt < RepeatAfter;
}
