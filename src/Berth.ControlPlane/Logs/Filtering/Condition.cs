namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A boolean expression over a subject (a JSON document, a space-delimited field): leaves compare values,
/// <see cref="Both"/> and <see cref="Either"/> combine them.</summary>
internal abstract record Condition<TSubject>
{
    public abstract bool IsSatisfiedBy(TSubject subject);

    /// <summary><c>left &amp;&amp; right</c>.</summary>
    public sealed record Both(Condition<TSubject> Left, Condition<TSubject> Right) : Condition<TSubject>
    {
        public override bool IsSatisfiedBy(TSubject subject) => Left.IsSatisfiedBy(subject) && Right.IsSatisfiedBy(subject);
    }

    /// <summary><c>left || right</c>.</summary>
    public sealed record Either(Condition<TSubject> Left, Condition<TSubject> Right) : Condition<TSubject>
    {
        public override bool IsSatisfiedBy(TSubject subject) => Left.IsSatisfiedBy(subject) || Right.IsSatisfiedBy(subject);
    }
}
