using System.Text;
using Berth.Aws.Auth;

namespace Berth.Aws.Tests.Auth;

/// <summary>Builds and edits <see cref="SigV4Request"/>s for tests.</summary>
internal static class TestRequests
{
    /// <summary>The AWS SigV4 test suite's credential, date and scope.</summary>
    public static readonly Credential SuiteCredential =
        new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "123456789012", "arn:aws:iam::123456789012:user/example");

    public static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>
    /// Parses the test suite's request notation: "METHOD target" on the first line, then "Name:value" headers
    /// (a line starting with white space continues the previous value), then after a blank line the body.
    /// </summary>
    public static SigV4Request Parse(string raw)
    {
        string[] sections = raw.Split("\n\n", 2);
        string[] lines = sections[0].Split('\n');
        string[] requestLine = lines[0].Split(' ', 2);
        string[] target = requestLine[1].Split('?', 2);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.Skip(1))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                KeyValuePair<string, string> last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + line);
                continue;
            }

            string[] header = line.Split(':', 2);
            headers.Add(new(header[0], header[1]));
        }

        byte[] body = sections.Length > 1 ? Encoding.UTF8.GetBytes(sections[1]) : [];
        return new SigV4Request(requestLine[0], target[0], target.Length > 1 ? target[1] : "", headers, body);
    }

    /// <summary>A signed JSON POST the way an SDK sends one to ECS.</summary>
    public static SigV4Request SignedEcsPost(Credential credential, DateTimeOffset time, string body = """{"maxResults": 10}""")
    {
        SigV4Request request = EcsPost(time, body);
        return request.With("Authorization", SigV4Signer.Sign(request, credential, "us-east-1", "ecs", time));
    }

    public static SigV4Request EcsPost(DateTimeOffset time, string body = """{"maxResults": 10}""") =>
        new("POST", "/", "",
            [
                new("Host", "127.0.0.1:9400"),
                new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"),
                new("Content-Type", "application/x-amz-json-1.1"),
                new("X-Amz-Date", SigV4Signer.FormatAmzDate(time)),
            ],
            Encoding.UTF8.GetBytes(body));

    public static SigV4Request With(this SigV4Request request, string name, string value) =>
        request with { Headers = [.. request.Headers, new(name, value)] };

    public static SigV4Request Without(this SigV4Request request, string name) =>
        request with { Headers = [.. request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))] };

    public static SigV4Request Replace(this SigV4Request request, string name, string value) =>
        request.Without(name).With(name, value);

    public static string Header(this SigV4Request request, string name) =>
        request.Headers.First(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
