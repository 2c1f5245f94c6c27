using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Json;

/// <summary>CsCheck generators of trees and texts for the JSON and dotenv properties.</summary>
internal static class TreeGenerators
{
    // Pieces chosen to hit every escaping rule; whole surrogate pairs only, never a lone half.
    private static readonly string[] s_pieces = ["a", "Z", "0", " ", "<", ">", "&", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\u0001", "\u001f", "\u007f", "\u2028", "é", "😀", "=", "#", "n", "sops"];

    public static readonly Gen<string> Text = Gen.OneOf(s_pieces).Array[0, 6].Select(string.Concat);

    // JSON reads an integral literal back as int, so floats are either fractional or beyond int64.
    private static readonly Gen<double> s_float = Gen.Double.Where(d => double.IsFinite(d) && (Math.Floor(d) != d || Math.Abs(d) >= 9.3e18));

    public static readonly Gen<TreeNode> JsonScalar = Gen.Frequency<TreeNode>(
        (4, Text.Select(s => (TreeNode)TreeScalar.String(s))),
        (2, Gen.Long.Select(l => (TreeNode)TreeScalar.Integer(l))),
        (2, s_float.Select(d => (TreeNode)TreeScalar.FloatingPoint(d))),
        (1, Gen.Bool.Select(b => (TreeNode)TreeScalar.Boolean(b))),
        (1, Gen.Const<TreeNode>(TreeScalar.Null)));

    public static readonly Gen<TreeNode> JsonNode = Gen.Recursive<TreeNode>((depth, node) => depth >= 4
        ? JsonScalar
        : Gen.Frequency(
            (4, JsonScalar),
            (1, Gen.Select(Text, node).Array[0, 4].Select(items => (TreeNode)ToMap(items))),
            (1, node.Array[0, 4].Select(items => (TreeNode)new TreeList([.. items])))));

    public static readonly Gen<TreeMap> JsonRoot = Gen.Select(Text, JsonNode).Array[0, 6].Select(ToMap);

    // Dotenv: keys that read back as keys, values without backslashes (a literal "\n" would
    // come back as a newline, as it does in sops), comments on one line.
    private static readonly Gen<string> s_dotenvKey = Text.Where(k => !k.Contains('=', StringComparison.Ordinal) && !k.Contains('\n', StringComparison.Ordinal) && !k.StartsWith('#'));
    private static readonly Gen<string> s_dotenvValue = Text.Where(v => !v.Contains('\\', StringComparison.Ordinal));
    private static readonly Gen<string> s_dotenvComment = Text.Where(c => !c.Contains('\n', StringComparison.Ordinal));

    public static readonly Gen<TreeMap> DotenvRoot = Gen.Frequency<TreeMapItem>(
            (4, Gen.Select(s_dotenvKey, s_dotenvValue, (k, v) => new TreeMapItem(k, TreeScalar.String(v)))),
            (1, s_dotenvComment.Select(c => new TreeMapItem(null, new TreeComment(c)))))
        .Array[0, 8]
        .Select(items => new TreeMap([.. items]));

    /// <summary>Up to four byte edits (replace, insert, delete) at random places.</summary>
    public static Gen<byte[]> Mutated(byte[][] corpus) =>
        Gen.Select(Gen.Int[0, corpus.Length - 1], Gen.Select(Gen.Int[0, 2], Gen.Double.Unit, Gen.Byte).Array[1, 4], (index, edits) =>
        {
            var bytes = new List<byte>(corpus[index]);
            foreach ((int kind, double where, byte value) in edits)
            {
                int pos = (int)(where * bytes.Count);
                switch (kind)
                {
                    case 0 when pos < bytes.Count: bytes[pos] = value; break;
                    case 1: bytes.Insert(pos, value); break;
                    case 2 when pos < bytes.Count: bytes.RemoveAt(pos); break;
                    default: break;
                }
            }

            return bytes.ToArray();
        });

    private static TreeMap ToMap((string Key, TreeNode Value)[] items) =>
        new([.. items.Select(i => new TreeMapItem(i.Key, i.Value))]);
}
