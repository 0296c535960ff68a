using System.Globalization;

namespace Berth.ControlPlane.Elb;

/// <summary>The attributes a resource kind accepts, with their defaults and valid values: ModifyXAttributes changes only
/// the keys it names, and refuses the whole request when one key or value is wrong.</summary>
public sealed class AttributeSet(string what, IReadOnlyList<AttributeRule> rules)
{
    public Dictionary<string, string> Defaults() => rules.ToDictionary(r => r.Key, r => r.Default, StringComparer.Ordinal);

    /// <summary>An integer attribute's value, its default when absent (stored before the key existed), 0 when not a number.</summary>
    public int IntOf(IReadOnlyDictionary<string, string> attributes, string key) =>
        Int(attributes.GetValueOrDefault(key) ?? rules.First(r => r.Key == key).Default) ?? 0;

    /// <summary>The attributes after applying <paramref name="changes"/>, or a ValidationError naming the first bad one.</summary>
    public Dictionary<string, string> Apply(IReadOnlyDictionary<string, string> current, IEnumerable<(string? Key, string? Value)> changes)
    {
        var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            var rule = rules.FirstOrDefault(r => r.Key == key)
                ?? throw ElbErrors.Validation($"{what} attribute key '{key}' is not recognized");
            if (value is null || !rule.Valid(value))
            {
                throw ElbErrors.Validation($"{what} attribute '{key}' value '{value}' is not valid: it must be {rule.Expected}");
            }

            next[rule.Key] = value;
        }

        return next;
    }

    public static AttributeRule Boolean(string key, bool byDefault) =>
        new(key, byDefault ? "true" : "false", v => v is "true" or "false", "true or false");

    public static AttributeRule Range(string key, int byDefault, int min, int max) =>
        new(key, byDefault.ToString(CultureInfo.InvariantCulture), v => Int(v) is { } n && n >= min && n <= max, $"an integer from {min} to {max}");

    public static AttributeRule OneOf(string key, params string[] values) =>
        new(key, values[0], values.Contains, "one of " + string.Join(", ", values));

    public static int? Int(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <param name="Expected">How the valid values read in an error ("an integer from 1 to 4000").</param>
public sealed record AttributeRule(string Key, string Default, Func<string, bool> Valid, string Expected);
