using Crypt.Cli;

return await CryptApp.RunAsync(args);
