using System.Globalization;
using System.Text.Json;
using Berth.Aws.Model;
using Berth.Aws.Protocol;

namespace Berth.Aws.Validation;

/// <summary>Checks a request document against its input shape: required members, types, enums, lengths, ranges and patterns.</summary>
/// <remarks>
/// Every protocol parser produces a JSON document shaped by the model, so this one validator serves them all.
/// A value of the wrong JSON type cannot be bound at all and is answered at once with <c>SerializationException</c>;
/// constraint failures are collected and reported together in AWS's "N validation errors detected" form.
/// </remarks>
public static class ShapeValidator
{
    /// <summary>AWS stops listing violations after this many; the count in the message stays exact.</summary>
    private const int MaxListed = 10;

    public static IReadOnlyList<Violation> Validate(Shape shape, JsonElement document)
    {
        var violations = new List<Violation>();
        ValidateValue(shape, document, string.Empty, violations);
        return violations;
    }

    /// <summary>The message AWS services give for a set of violations.</summary>
    public static string Describe(IReadOnlyList<Violation> violations)
    {
        var count = violations.Count;
        var noun = count == 1 ? "error" : "errors";
        return $"{count} validation {noun} detected: " + string.Join("; ", violations.Take(MaxListed));
    }

    private static void ValidateValue(Shape shape, JsonElement value, string path, List<Violation> violations)
    {
        if (value.ValueKind == JsonValueKind.Null || shape.IsDocument)
        {
            return;
        }

        switch (shape.Type)
        {
            case ShapeType.Structure:
                ValidateStructure(shape, Expect(value, JsonValueKind.Object, path, "a structure"), path, violations);
                break;
            case ShapeType.List:
                ValidateList(shape, Expect(value, JsonValueKind.Array, path, "a list"), path, violations);
                break;
            case ShapeType.Map:
                ValidateMap(shape, Expect(value, JsonValueKind.Object, path, "a map"), path, violations);
                break;
            case ShapeType.String:
                ValidateString(shape, Expect(value, JsonValueKind.String, path, "a string"), path, violations);
                break;
            case ShapeType.Blob:
                Expect(value, JsonValueKind.String, path, "a base64 string");
                if (!IsBase64(value.GetString()!))
                {
                    throw SerializationError(path, "a base64 string");
                }

                break;
            case ShapeType.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw SerializationError(path, "a boolean");
                }

                break;
            case ShapeType.Integer:
                ValidateRange(shape, IntegerValue(value, path, int.MinValue, int.MaxValue, "an Integer"), path, violations);
                break;
            case ShapeType.Long:
                ValidateRange(shape, IntegerValue(value, path, long.MinValue, long.MaxValue, "a Long"), path, violations);
                break;
            case ShapeType.Double:
            case ShapeType.Float:
                ValidateRange(shape, Expect(value, JsonValueKind.Number, path, "a number").GetDouble(), path, violations);
                break;
            case ShapeType.Timestamp:
                if (value.ValueKind == JsonValueKind.String
                    ? !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                    : value.ValueKind != JsonValueKind.Number)
                {
                    throw SerializationError(path, "a timestamp");
                }

                break;
        }
    }

    private static void ValidateStructure(Shape shape, JsonElement value, string path, List<Violation> violations)
    {
        foreach (var member in shape.RequiredMembers)
        {
            if (!value.TryGetProperty(member.WireName, out var present) || present.ValueKind == JsonValueKind.Null)
            {
                violations.Add(new Violation(Join(path, member.WireName), "null", "Member must not be null"));
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            // Unknown members are ignored, as AWS services do, so newer clients keep working.
            if (shape.MembersByWireName.TryGetValue(property.Name, out var member))
            {
                ValidateValue(member.Target, property.Value, Join(path, property.Name), violations);
            }
        }
    }

    private static void ValidateList(Shape shape, JsonElement value, string path, List<Violation> violations)
    {
        var count = value.GetArrayLength();
        ValidateSize(shape, count, path, Printable(value), violations, "length");
        var index = 1;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                violations.Add(new Violation($"{Join(path, index.ToString(CultureInfo.InvariantCulture))}.member", "null", "Member must not be null"));
            }
            else
            {
                ValidateValue(shape.ListMember!, item, $"{Join(path, index.ToString(CultureInfo.InvariantCulture))}.member", violations);
            }

            index++;
        }
    }

    private static void ValidateMap(Shape shape, JsonElement value, string path, List<Violation> violations)
    {
        var count = value.EnumerateObject().Count();
        ValidateSize(shape, count, path, Printable(value), violations, "length");
        foreach (var property in value.EnumerateObject())
        {
            var keyViolations = new List<Violation>();
            ValidateString(shape.MapKey!, property.Name, path, keyViolations);
            violations.AddRange(keyViolations.Select(v => v with { Constraint = $"Map keys must satisfy constraint: [{v.Constraint}]" }));
            ValidateValue(shape.MapValue!, property.Value, Join(path, property.Name), violations);
        }
    }

    private static void ValidateString(Shape shape, JsonElement value, string path, List<Violation> violations) =>
        ValidateString(shape, value.GetString()!, path, violations);

    private static void ValidateString(Shape shape, string text, string path, List<Violation> violations)
    {
        var printable = $"'{text}'";
        ValidateSize(shape, text.Length, path, printable, violations, "length");
        if (shape.Enum is not null && !shape.Enum.Contains(text))
        {
            violations.Add(new Violation(path, printable, $"Member must satisfy enum value set: [{string.Join(", ", shape.EnumValues!)}]"));
        }

        if (shape.Pattern is not null && !MatchesPattern(shape, text))
        {
            violations.Add(new Violation(path, printable, $"Member must satisfy regular expression pattern: {shape.PatternText}"));
        }
    }

    private static bool MatchesPattern(Shape shape, string text)
    {
        try
        {
            return shape.Pattern!.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static void ValidateSize(Shape shape, int size, string path, string printable, List<Violation> violations, string what)
    {
        if (shape.Min is { } min && size < min)
        {
            violations.Add(new Violation(path, printable, $"Member must have {what} greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (shape.Max is { } max && size > max)
        {
            violations.Add(new Violation(path, printable, $"Member must have {what} less than or equal to {max.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private static void ValidateRange(Shape shape, double number, string path, List<Violation> violations)
    {
        var printable = $"'{number.ToString(CultureInfo.InvariantCulture)}'";
        if (shape.Min is { } min && number < min)
        {
            violations.Add(new Violation(path, printable, $"Member must have value greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (shape.Max is { } max && number > max)
        {
            violations.Add(new Violation(path, printable, $"Member must have value less than or equal to {max.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private static double IntegerValue(JsonElement value, string path, long min, long max, string typeName)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            throw new AwsException("SerializationException", $"{Kind(value)} can not be converted to {typeName} at '{path}'.");
        }

        return number;
    }

    private static JsonElement Expect(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind != kind)
        {
            throw SerializationError(path, expected);
        }

        return value;
    }

    private static AwsException SerializationError(string path, string expected) =>
        new("SerializationException", $"Unexpected value at '{path}': expected {expected}.");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "STRING_VALUE",
        JsonValueKind.Number => "NUMBER_VALUE",
        JsonValueKind.True or JsonValueKind.False => "BOOLEAN_VALUE",
        JsonValueKind.Array => "START_ARRAY",
        JsonValueKind.Object => "START_OBJECT",
        _ => "VALUE",
    };

    private static string Printable(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 100 ? $"'{raw[..100]}...'" : $"'{raw}'";
    }

    private static bool IsBase64(string text)
    {
        Span<byte> buffer = text.Length <= 1024 ? stackalloc byte[text.Length] : new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
