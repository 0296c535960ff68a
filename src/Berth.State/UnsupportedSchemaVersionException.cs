namespace Berth.State;

/// <summary>Thrown at open when the database was written by a newer Berth, so an older binary never corrupts a schema it does not know.</summary>
public sealed class UnsupportedSchemaVersionException(string database, long foundVersion, long supportedVersion)
    : Exception($"The database '{database}' has schema version {foundVersion}, but this Berth supports schema versions up to {supportedVersion}. Upgrade Berth, or point it at another database.")
{
    /// <summary>The schema version recorded in the database.</summary>
    public long FoundVersion { get; } = foundVersion;

    /// <summary>The newest schema version this build can migrate to.</summary>
    public long SupportedVersion { get; } = supportedVersion;
}
