namespace Berth.ControlPlane.Elb;

/// <summary>ELBv2's naming rule for load balancers and target groups: 1 to 32 alphanumerics and hyphens, no hyphen first or last.</summary>
public static class ResourceNames
{
    public const int MaxLength = 32;

    public static void Check(string name, string what)
    {
        if (name.Length is 0 or > MaxLength)
        {
            throw ElbErrors.Validation($"{what} name '{name}' must be between 1 and {MaxLength} characters long");
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw ElbErrors.Validation($"{what} name '{name}' can contain only alphanumeric characters and hyphens");
        }

        if (name.StartsWith('-') || name.EndsWith('-'))
        {
            throw ElbErrors.Validation($"{what} name '{name}' cannot begin or end with a hyphen");
        }
    }
}
