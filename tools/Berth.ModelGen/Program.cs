using Berth.ModelGen;

// Usage: Berth.ModelGen <service-model.json> <namespace> <output.cs>; tools/regenerate.sh runs it for every model Berth serves.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Berth.ModelGen <service-model.json> <namespace> <output.cs>");
    return 2;
}

var source = ModelCodeGenerator.Generate(File.ReadAllBytes(args[0]), Path.GetFileName(args[0]), args[1], out var structureCount);
File.WriteAllText(args[2], source);
Console.WriteLine($"{args[2]}: {structureCount} structures");
return 0;
