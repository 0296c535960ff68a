namespace Berth.State.Sqlite;

/// <summary>One schema step; Version is what PRAGMA user_version records once Sql has run.</summary>
internal sealed record SqliteMigration(long Version, string Description, string Sql);
