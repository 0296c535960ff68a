namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The keyword tests on a JSON field: <c>IS NULL</c>, <c>NOT EXISTS</c>, <c>IS TRUE</c>, <c>IS FALSE</c>.</summary>
internal enum JsonFieldTest
{
    IsNull,
    NotExists,
    IsTrue,
    IsFalse,
}
