using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Logs;

/// <summary>The CloudWatch Logs errors Berth answers with, each worded once as AWS words it.</summary>
public static class LogsErrors
{
    public static AwsException GroupNotFound() => new("ResourceNotFoundException", "The specified log group does not exist.");

    public static AwsException StreamNotFound() => new("ResourceNotFoundException", "The specified log stream does not exist.");

    public static AwsException GroupExists() => new("ResourceAlreadyExistsException", "The specified log group already exists");

    public static AwsException StreamExists() => new("ResourceAlreadyExistsException", "The specified log stream already exists");

    public static AwsException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static AwsException InvalidNextToken() => InvalidParameter("The specified nextToken is invalid.");

    public static AwsException NameAndIdentifier() => InvalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");

    public static AwsException NoGroupGiven() => InvalidParameter("Should provide either name or ARN of LogGroup.");

    public static AwsException PrefixAndPattern() =>
        InvalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");

    public static AwsException StreamNamesAndPrefix() =>
        InvalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix.");

    public static AwsException OrderByLastEventTimeWithPrefix() =>
        InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");

    public static AwsException NotChronological() =>
        InvalidParameter("Log events in a single PutLogEvents request must be in chronological order.");

    public static AwsException SpansMoreThanADay() =>
        InvalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");

    public static AwsException BatchTooLarge(long bytes, int limit) => InvalidParameter($"Upload too large: {bytes} bytes exceeds limit of {limit}");

    public static AwsException RetentionInDays(int value, IEnumerable<int> allowed) => InvalidParameter(
        $"1 validation error detected: Value '{value}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");

    public static AwsException FilterPattern(string message) => InvalidParameter(message);

    public static AwsException TooManyTags(int limit) => new("TooManyTagsException", $"A resource can have no more than {limit} tags.");

    public static AwsException ResourceArn(string arn) => InvalidParameter($"Invalid resource arn: {arn}");
}
