using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Berth.Agent.Docker.Internal;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker;

public sealed partial class DockerClient
{
    public async IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = new QueryString("/events")
            .Add("since", query.Since is { } since ? DockerTime.ToUnixQuery(since) : null)
            .Add("until", query.Until is { } until ? DockerTime.ToUnixQuery(until) : null)
            .Filters(new Dictionary<string, List<string>>(StringComparer.Ordinal)
            {
                ["type"] = ["container"],
                ["label"] = query.Labels.Select(l => l.ToString()).ToList(),
                ["event"] = query.Actions.ToList(),
            })
            .ToString();

        using var response = await OpenStreamAsync(DockerOperations.Events, null, path, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw ConnectionLost(DockerOperations.Events, e);
            }

            if (line is null)
            {
                yield break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var message = ParseStreamLine(line, DockerJsonContext.Default.EventMessage, DockerOperations.Events, response.StatusCode);

            if (message is not null && ResponseMapper.ToContainerEvent(message) is { } containerEvent)
            {
                yield return containerEvent;
            }
        }
    }

    public async IAsyncEnumerable<LogEntry> ReadLogsAsync(string container, LogsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = new QueryString($"/containers/{Escape(container)}/logs")
            .Add("stdout", query.Stdout)
            .Add("stderr", query.Stderr)
            .Add("follow", query.Follow)
            .Add("timestamps", query.Timestamps)
            .Add("since", query.Since is { } since ? DockerTime.ToUnixQuery(since) : null)
            .Add("tail", query.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : null)
            .ToString();

        using var response = await OpenStreamAsync(DockerOperations.Logs, container, path, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var multiplexed = LogStreamReader.MultiplexedFromContentType(response.Content.Headers.ContentType?.MediaType);
        var lines = LogStreamReader.ReadLinesAsync(stream, multiplexed, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (lines.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await lines.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (IOException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw ConnectionLost(DockerOperations.Logs, e);
                }
                catch (InvalidDataException e)
                {
                    throw new DockerException(DockerOperations.Logs, response.StatusCode, e.Message, e);
                }

                yield return ToLogEntry(lines.Current.Stream, lines.Current.Text, query.Timestamps);
            }
        }
    }

    public Task<ContainerStats> GetStatsAsync(string container, CancellationToken cancellationToken) =>
        RunAsync(DockerOperations.Stats, container, options.StatsTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Get, $"/containers/{Escape(container)}/stats?stream=false", content: null).ConfigureAwait(false);
            var stats = await ReadJsonAsync(call, response, DockerJsonContext.Default.StatsResponse).ConfigureAwait(false);
            return ResponseMapper.ToStats(stats);
        });

    /// <summary>Sends a streaming request within StreamOpenTimeout; the body is then read on the caller's token alone.</summary>
    private Task<HttpResponseMessage> OpenStreamAsync(string operation, string? subject, string path, CancellationToken cancellationToken) =>
        RunAsync(operation, subject, options.StreamOpenTimeout, cancellationToken, call =>
            SendAsync(call, HttpMethod.Get, path, content: null, completion: HttpCompletionOption.ResponseHeadersRead));

    /// <summary>With timestamps, the engine starts each line with its RFC 3339 receive time and a space.</summary>
    private static LogEntry ToLogEntry(LogStream stream, string text, bool timestamps)
    {
        if (timestamps)
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && DockerTime.ParseOrNull(text[..space]) is { } timestamp)
            {
                return new LogEntry { Stream = stream, Text = text[(space + 1)..], Timestamp = timestamp };
            }
        }

        return new LogEntry { Stream = stream, Text = text };
    }
}
