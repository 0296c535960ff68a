using Berth.Cli;

return await BerthCommands.RunAsync(args).ConfigureAwait(false);
