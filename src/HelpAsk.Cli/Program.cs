using HelpAsk.Cli;

return await HelpAskCommand.RunAsync(args, Console.In, Console.OpenStandardInput(), Console.Out, Console.OpenStandardOutput(), Console.Error);
