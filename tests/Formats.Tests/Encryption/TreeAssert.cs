using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>Structural equality of trees, with a path in the failure message.</summary>
internal static class TreeAssert
{
    public static void Equal(TreeDocument expected, TreeDocument actual)
    {
        Assert.Equal(expected.Branches.Count, actual.Branches.Count);
        for (int i = 0; i < expected.Branches.Count; i++)
        {
            Equal(expected.Branches[i], actual.Branches[i], $"doc{i}");
        }
    }

    public static bool AreEqual(TreeNode expected, TreeNode actual) => Describe(expected, actual, "") is null;

    public static void Equal(TreeNode expected, TreeNode actual, string path)
    {
        string? difference = Describe(expected, actual, path);
        Assert.True(difference is null, difference);
    }

    private static string? Describe(TreeNode expected, TreeNode actual, string path)
    {
        switch (expected, actual)
        {
            case (TreeMap e, TreeMap a):
                if (e.Items.Count != a.Items.Count)
                {
                    return $"{path}: {e.Items.Count} items expected, {a.Items.Count} found";
                }

                for (int i = 0; i < e.Items.Count; i++)
                {
                    if (e.Items[i].Key != a.Items[i].Key)
                    {
                        return $"{path}[{i}]: key '{e.Items[i].Key}' expected, '{a.Items[i].Key}' found";
                    }

                    string? d = Describe(e.Items[i].Value, a.Items[i].Value, $"{path}/{e.Items[i].Key}");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case (TreeList e, TreeList a):
                if (e.Items.Count != a.Items.Count)
                {
                    return $"{path}: {e.Items.Count} list items expected, {a.Items.Count} found";
                }

                for (int i = 0; i < e.Items.Count; i++)
                {
                    string? d = Describe(e.Items[i], a.Items[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case (TreeScalar e, TreeScalar a):
                return e.ValueEquals(a) ? null : $"{path}: scalar {e.Kind} '{Show(e)}' expected, {a.Kind} '{Show(a)}' found";
            case (TreeComment e, TreeComment a):
                return e.Text == a.Text ? null : $"{path}: comment '{e.Text}' expected, '{a.Text}' found";
            default:
                return $"{path}: {expected.GetType().Name} expected, {actual.GetType().Name} found";
        }
    }

    private static string Show(TreeScalar s) => s.Kind switch
    {
        ScalarKind.String or ScalarKind.Time => s.Text,
        ScalarKind.Int => s.Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScalarKind.Float => s.Float.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ScalarKind.Bool => s.Bool.ToString(),
        _ => "null",
    };
}
