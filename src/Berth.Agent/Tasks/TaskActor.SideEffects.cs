using System.Collections.Immutable;
using Berth.Agent.Docker;
using Berth.Agent.Engine;
using DockerContainerSpec = Berth.Agent.Docker.ContainerSpec;

namespace Berth.Agent.Tasks;

/// <summary>The Docker side effects: each performs one action and posts its outcome to the inbox. They read nothing of
/// the state but what they are given, and write nothing but messages. The client bounds every call by its named
/// timeout (DockerClientOptions); <c>cancellationToken</c> is the actor's lifetime. Any failure but the end of that
/// lifetime becomes the action's failure event: every dispatched action gets exactly one outcome.</summary>
public sealed partial class TaskActor
{
    /// <summary>ECS's reason for a container the kernel killed for memory.</summary>
    public const string OutOfMemoryReason = "OutOfMemoryError: Container killed due to memory usage";

    private async Task PullAsync(string container, CancellationToken cancellationToken)
    {
        var launch = _launch.Containers[container];
        var image = launch.Docker.Image;
        EngineEvent outcome;
        try
        {
            if (_options.PullBehavior == ImagePullBehavior.PreferCached
                && await _docker.InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is not null)
            {
                outcome = new EngineEvent.Pulled(container);
            }
            else
            {
                await PullWithCredentialsAsync(image, launch.Auth, cancellationToken).ConfigureAwait(false);
                outcome = new EngineEvent.Pulled(container);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            outcome = new EngineEvent.PullFailed(container, e.Message);
            if (_options.PullBehavior == ImagePullBehavior.Default && await IsCachedAsync(image, cancellationToken).ConfigureAwait(false))
            {
                outcome = new EngineEvent.Pulled(container);
            }
        }
        Enqueue(new Message.Event(outcome));
    }

    /// <summary>Pulls with the task's own registry credentials, else the shared source's; a source's token the registry
    /// refuses is given back and the pull tried once more with a fresh one.</summary>
    private async Task PullWithCredentialsAsync(string image, RegistryAuth? taskAuth, CancellationToken cancellationToken)
    {
        if (taskAuth is not null || _options.RegistryCredentials is not { } credentials)
        {
            await _docker.PullImageAsync(image, taskAuth, progress: null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var auth = await credentials.ForImageAsync(image, cancellationToken).ConfigureAwait(false);
        try
        {
            await _docker.PullImageAsync(image, auth, progress: null, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerPullException e) when (e.Failure == PullFailure.AccessDenied && auth is not null)
        {
            credentials.Refused(auth);
            var fresh = await credentials.ForImageAsync(image, cancellationToken).ConfigureAwait(false);
            await _docker.PullImageAsync(image, fresh, progress: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the host has <paramref name="image"/>; an engine that cannot say counts as no.</summary>
    private async Task<bool> IsCachedAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await _docker.InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task CreateAsync(string container, DockerContainerSpec spec, CancellationToken cancellationToken)
    {
        EngineEvent outcome;
        try
        {
            var created = await _docker.CreateContainerAsync(spec, cancellationToken).ConfigureAwait(false);
            outcome = new EngineEvent.Created(container, created.Id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            outcome = new EngineEvent.CreateFailed(container, e.Message);
        }
        Enqueue(new Message.Event(outcome));
    }

    /// <summary>Starts, then reads the published ports back (dynamic host ports are only known now).</summary>
    private async Task StartContainerAsync(string container, string runtimeId, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.StartContainerAsync(runtimeId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Enqueue(new Message.Event(new EngineEvent.StartFailed(container, e.Message)));
            return;
        }

        var bindings = ImmutableArray<NetworkBinding>.Empty;
        try
        {
            var info = await _docker.InspectContainerAsync(runtimeId, cancellationToken).ConfigureAwait(false);
            bindings = BindingsOf(info);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception)
        {
            // It started; without an inspect it is reported without bindings rather than not at all.
        }
        Enqueue(new Message.StartedWithPorts(container, bindings));
    }

    /// <summary>The published ports of <paramref name="info"/> as reported bindings.</summary>
    private static ImmutableArray<NetworkBinding> BindingsOf(ContainerInfo info) =>
        [.. info.Ports.Select(p => new NetworkBinding(p.HostIp, p.ContainerPort, p.HostPort, p.Protocol))];

    /// <summary>Stops with the engine's grace; the outcome is the exit as inspected (the die event says the same, and
    /// the engine keeps the first).</summary>
    private async Task StopContainerAsync(string container, string? runtimeId, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (runtimeId is null)
        {
            Enqueue(new Message.Event(new EngineEvent.Exited(container, null)));
            return;
        }
        try
        {
            await _docker.StopContainerAsync(runtimeId, grace, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
            // Gone already (removed behind our back): it is not running.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            try
            {
                // The engine issues the stop again at once: pace the retries.
                await Task.Delay(_options.StopRetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Enqueue(new Message.Event(new EngineEvent.StopFailed(container, e.Message)));
            return;
        }
        await ObserveExitAsync(container, runtimeId, knownExitCode: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a die (or a stop): the exit code and OOM kill as the engine recorded them; the event's exit code
    /// when the inspect fails.</summary>
    private async Task ObserveExitAsync(string container, string runtimeId, int? knownExitCode, CancellationToken cancellationToken)
    {
        EngineEvent.Exited exited;
        try
        {
            var state = (await _docker.InspectContainerAsync(runtimeId, cancellationToken).ConfigureAwait(false)).State;
            exited = new EngineEvent.Exited(container, state.ExitCode, state.OomKilled ? OutOfMemoryReason : null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception)
        {
            exited = new EngineEvent.Exited(container, knownExitCode);
        }
        Enqueue(new Message.Event(exited));
    }
}
