using System.Text;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Formats.Yaml;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>Helpers shared by the YAML tests: parse text, emit text, describe a tree.</summary>
internal static class YamlTestTrees
{
    private static readonly YamlStore s_store = new();

    public static TreeDocument Parse(string yaml) => s_store.ParsePlain(Encoding.UTF8.GetBytes(yaml));

    public static string Emit(TreeDocument doc, int? indent = null) =>
        Encoding.UTF8.GetString(s_store.EmitPlain(doc, new EmitOptions(indent)));

    public static string RoundTrip(string yaml, int? indent = null) => Emit(Parse(yaml), indent);

    /// <summary>A compact, order-preserving rendering: {k=v,#c,#!inline}, [a,b], str:x, int:1 …</summary>
    public static string Describe(TreeNode node) => node switch
    {
        TreeMap m => "{" + string.Join(",", m.Items.Select(i => i.Key is null ? Describe(i.Value) : i.Key + "=" + Describe(i.Value))) + "}",
        TreeList l => "[" + string.Join(",", l.Items.Select(Describe)) + "]",
        TreeComment c => (c.Inline ? "#!" : "#") + c.Text,
        TreeScalar s => s.Kind switch
        {
            ScalarKind.String => "str:" + s.Text,
            ScalarKind.Time => "time:" + s.Text,
            ScalarKind.Int => "int:" + s.Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ScalarKind.Float => "float:" + s.Float.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ScalarKind.Bool => s.Bool ? "bool:true" : "bool:false",
            _ => "null",
        },
        _ => "?",
    };

    public static string Describe(TreeDocument doc) => string.Join(" --- ", doc.Branches.Select(b => Describe(b)));
}
