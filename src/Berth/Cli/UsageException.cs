namespace Berth.Cli;

/// <summary>A command line berth cannot act on; reported in one line with the usage text, never as a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
