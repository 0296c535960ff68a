namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A space-delimited pattern, <c>[ip, user, ..., status_code = 4*, bytes &gt; 1000]</c>: the message's
/// fields line up with the columns (each ellipsis absorbing any number of fields) and every condition holds.</summary>
/// <remarks>Without an ellipsis the message must have exactly as many fields as the pattern has columns.</remarks>
internal sealed record SpaceDelimitedPattern(DelimitedColumn[] Columns) : FilterPattern
{
    public override bool Matches(string message) => Align(DelimitedFields.Split(message), 0, 0);

    /// <summary>Whether columns from <paramref name="column"/> on fit fields from <paramref name="field"/> on;
    /// backtracks only at ellipses, of which a pattern has few.</summary>
    private bool Align(List<string> fields, int column, int field)
    {
        if (column == Columns.Length)
        {
            return field == fields.Count;
        }
        var current = Columns[column];
        if (current.IsEllipsis)
        {
            for (var skipTo = field; skipTo <= fields.Count; skipTo++)
            {
                if (Align(fields, column + 1, skipTo))
                {
                    return true;
                }
            }
            return false;
        }
        return field < fields.Count && current.Accepts(fields[field]) && Align(fields, column + 1, field + 1);
    }
}
