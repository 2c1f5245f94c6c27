using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// Random trees for property tests: nested maps and lists, every scalar kind (edge values
/// included), comments in maps and lists, unicode and rule-relevant keys. Built from a seed so
/// CsCheck reports a reproducible case.
/// </summary>
internal static class RandomTrees
{
    private static readonly string[] s_keys =
    [
        "a", "b", "password", "ключ", "鍵", "emoji 🔑", "with space", "a:b", "", "x_unencrypted",
        "secret_token", "clear_note", "dataTemplates", "Templates", "port", "über",
    ];

    private static readonly string[] s_strings =
    [
        "", "v", "hello world", "ünïcödé ✓", "line1\nline2", "ENC[not really]", "  padded  ", "#hash", "😀", "0x1F",
    ];

    private static readonly double[] s_floats =
    [
        0.0, -0.0, 1.5, 3.14, 0.1 + 0.2, 1e21, 1e-7, 5e-324, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -2.5,
    ];

    private static readonly string[] s_times = ["2024-01-01T00:00:00Z", "2006-01-02T15:04:05.123456789+07:06", "1999-12-31T23:59:59.5-05:00"];

    private static readonly string[] s_comments = [" a comment", " sops:clear", " sops:enc", " ", "", " ключ 🔑"];

    public static TreeDocument Build(int seed)
    {
        Random random = new(seed);
        int documents = random.Next(1, 3);
        List<TreeMap> branches = [];
        for (int i = 0; i < documents; i++)
        {
            branches.Add(Map(random, depth: 0));
        }

        return new TreeDocument(branches);
    }

    private static TreeMap Map(Random random, int depth)
    {
        TreeMap map = new();
        int count = random.Next(depth == 0 ? 1 : 0, 6);
        for (int i = 0; i < count; i++)
        {
            if (random.Next(5) == 0)
            {
                map.AddComment(new TreeComment(Pick(random, s_comments), inline: random.Next(2) == 0));
            }

            map.Add(Pick(random, s_keys) + (random.Next(3) == 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""), Node(random, depth + 1));
        }

        return map;
    }

    private static TreeNode Node(Random random, int depth)
    {
        int choice = random.Next(depth >= 4 ? 6 : 9);
        switch (choice)
        {
            case 6:
            case 7:
                return Map(random, depth);
            case 8:
                TreeList list = new();
                int count = random.Next(0, 5);
                for (int i = 0; i < count; i++)
                {
                    list.Items.Add(random.Next(5) == 0 ? new TreeComment(Pick(random, s_comments)) : Node(random, depth + 1));
                }

                return list;
            default:
                return Scalar(random);
        }
    }

    private static TreeScalar Scalar(Random random) => random.Next(7) switch
    {
        0 => TreeScalar.Integer(random.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => random.NextInt64(-1000, 1000) }),
        1 => TreeScalar.FloatingPoint(random.Next(2) == 0 ? Pick(random, s_floats) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30))),
        2 => TreeScalar.Boolean(random.Next(2) == 0),
        3 => TreeScalar.Time(Pick(random, s_times)),
        4 => TreeScalar.Null,
        _ => TreeScalar.String(Pick(random, s_strings)),
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
