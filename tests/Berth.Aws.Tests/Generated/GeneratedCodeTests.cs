using Berth.ModelGen;

namespace Berth.Aws.Tests.Generated;

/// <summary>Generated/ is never edited by hand: each checked-in file must be exactly what tools/Berth.ModelGen makes of its model.</summary>
public sealed class GeneratedCodeTests
{
    /// <summary>Every row of tools/generated-models.txt: model file, namespace, output file.</summary>
    public static TheoryData<string, string, string> Models()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(TestModels.RepositoryRoot, "tools", "generated-models.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            data.Add(fields[0], fields[1], fields[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generate_CheckedInFile_IsCurrent(string model, string ns, string output)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestModels.RepositoryRoot, "models", model));
        var checkedIn = File.ReadAllText(Path.Combine(TestModels.RepositoryRoot, "src", "Berth.Aws", "Generated", output));

        var generated = ModelCodeGenerator.Generate(bytes, model, ns, out var structures);

        Assert.True(structures > 0, $"{model} declares no structures");
        Assert.True(
            generated == checkedIn,
            $"src/Berth.Aws/Generated/{output} is not what {model} generates (first difference at character {FirstDifference(generated, checkedIn)}); run tools/regenerate.sh.");
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }
}
