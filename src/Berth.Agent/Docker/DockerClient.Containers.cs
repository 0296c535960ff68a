using System.Globalization;
using Berth.Agent.Docker.Internal;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker;

public sealed partial class DockerClient
{
    public Task<CreatedContainer> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var body = ContainerSpecMapper.ToBody(spec);
        var path = new QueryString("/containers/create").Add("name", spec.Name).ToString();
        return RunAsync(DockerOperations.CreateContainer, spec.Name, options.CreateTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Post, path, JsonContent(body, DockerJsonContext.Default.CreateContainerBody)).ConfigureAwait(false);
            var created = await ReadJsonAsync(call, response, DockerJsonContext.Default.CreateContainerResponse).ConfigureAwait(false);
            return new CreatedContainer(created.Id, created.Warnings ?? []);
        });
    }

    /// <remarks>304 (already running) counts as success.</remarks>
    public Task StartContainerAsync(string container, CancellationToken cancellationToken) =>
        RunAsync(DockerOperations.StartContainer, container, options.StartTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Post, $"/containers/{Escape(container)}/start", content: null,
                acceptNotModified: true).ConfigureAwait(false);
        });

    /// <remarks>304 (already stopped) counts as success.</remarks>
    public Task StopContainerAsync(string container, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var seconds = ContainerSpecMapper.WholeSeconds(gracePeriod);
        var path = new QueryString($"/containers/{Escape(container)}/stop").Add("t", seconds.ToString(CultureInfo.InvariantCulture)).ToString();
        var budget = options.StopTimeoutMargin == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds) + options.StopTimeoutMargin;
        return RunAsync(DockerOperations.StopContainer, container, budget, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Post, path, content: null, acceptNotModified: true).ConfigureAwait(false);
        });
    }

    public Task KillContainerAsync(string container, string signal, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        var path = new QueryString($"/containers/{Escape(container)}/kill").Add("signal", signal).ToString();
        return RunAsync(DockerOperations.KillContainer, container, options.KillTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Post, path, content: null).ConfigureAwait(false);
        });
    }

    public Task<int> WaitContainerAsync(string container, CancellationToken cancellationToken) =>
        RunAsync(DockerOperations.WaitContainer, container, options.WaitTimeout, cancellationToken, async call =>
        {
            // The engine sends the headers at once and the body when the container stops.
            using var response = await SendAsync(call, HttpMethod.Post,
                $"/containers/{Escape(container)}/wait?condition=not-running", content: null,
                completion: HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            var waited = await ReadJsonAsync(call, response, DockerJsonContext.Default.WaitResponse).ConfigureAwait(false);
            if (waited.Error?.Message is { Length: > 0 } error)
            {
                throw new DockerException(DockerOperations.WaitContainer, response.StatusCode, "Error response from daemon: " + error);
            }

            return (int)waited.StatusCode;
        });

    public Task<ContainerInfo> InspectContainerAsync(string container, CancellationToken cancellationToken) =>
        RunAsync(DockerOperations.InspectContainer, container, options.InspectTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Get, $"/containers/{Escape(container)}/json", content: null).ConfigureAwait(false);
            var inspected = await ReadJsonAsync(call, response, DockerJsonContext.Default.ContainerInspectResponse).ConfigureAwait(false);
            return ResponseMapper.ToContainerInfo(inspected);
        });

    public Task RemoveContainerAsync(string container, bool force, bool removeVolumes, CancellationToken cancellationToken)
    {
        var path = new QueryString($"/containers/{Escape(container)}").Add("force", force).Add("v", removeVolumes).ToString();
        return RunAsync(DockerOperations.RemoveContainer, container, options.RemoveTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Delete, path, content: null).ConfigureAwait(false);
        });
    }

    public Task RemoveVolumeAsync(string volume, CancellationToken cancellationToken) =>
        RunAsync(DockerOperations.RemoveVolume, volume, options.RemoveTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Delete, $"/volumes/{Escape(volume)}", content: null).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyList<LabelFilter> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var path = new QueryString("/containers/json")
            .Add("all", true)
            .Filters(new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["label"] = labels.Select(l => l.ToString()).ToList() })
            .ToString();
        return RunAsync(DockerOperations.ListContainers, null, options.ListTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Get, path, content: null).ConfigureAwait(false);
            var items = await ReadJsonAsync(call, response, DockerJsonContext.Default.ListContainerListItem).ConfigureAwait(false);
            return (IReadOnlyList<ContainerSummary>)items.Select(ResponseMapper.ToSummary).ToList();
        });
    }
}
