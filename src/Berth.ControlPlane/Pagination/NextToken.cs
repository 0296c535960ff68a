using System.Buffers.Text;
using System.Text;
using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Pagination;

/// <summary>Opaque pagination tokens: the store key to continue after, so a page boundary survives concurrent writes.</summary>
public static class NextToken
{
    public static string? Encode(string? key) => key is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1|" + key));

    /// <summary>The key a token stands for; throws the service's error for tokens Berth never issued.</summary>
    public static string? Decode(string? token, Func<AwsException> invalid)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith("v1|", StringComparison.Ordinal) && text.Length > 3 ? text[3..] : throw invalid();
        }
        catch (FormatException)
        {
            throw invalid();
        }
    }

    /// <summary>Checks a maxResults parameter against the operation's limit and supplies its default.</summary>
    public static int PageSize(int? maxResults, int max, Func<int, AwsException> invalid)
    {
        var size = maxResults ?? max;
        return size is >= 1 && size <= max ? size : throw invalid(max);
    }
}
