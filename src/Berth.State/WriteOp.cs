namespace Berth.State;

/// <summary>One write in an atomic batch passed to <see cref="IStore.ApplyAsync"/>; either a <see cref="PutOp"/> or a <see cref="DeleteOp"/>.</summary>
public abstract record WriteOp(string Kind, string Partition, string Key);
