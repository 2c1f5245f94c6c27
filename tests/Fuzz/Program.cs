using Crypt.Fuzz;

// Crypt.Fuzz TARGET            run TARGET under afl-fuzz (SharpFuzz's out-of-process runner)
// Crypt.Fuzz --seeds TARGET DIR  write TARGET's seed inputs into DIR (corpus, fixtures, made here)
// Crypt.Fuzz --list            the targets, one a line
if (args is ["--list"])
{
    foreach (string name in FuzzTargets.Names)
    {
        Console.WriteLine(name);
    }

    return 0;
}

if (args is ["--seeds", string seedTarget, string folder])
{
    int written = await FuzzSeeds.WriteAsync(seedTarget, folder);
    Console.WriteLine($"{written} seeds for {seedTarget} in {folder}");
    return 0;
}

if (args is [string target] && FuzzTargets.Names.Contains(target))
{
    Action<byte[]> check = FuzzTargets.For(target);
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using MemoryStream buffer = new();
        stream.CopyTo(buffer);
        check(buffer.ToArray());
    });
    return 0;
}

Console.Error.WriteLine($"usage: Crypt.Fuzz TARGET | --seeds TARGET DIR | --list (targets: {string.Join(", ", FuzzTargets.Names)})");
return 2;
