using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;
using Crypt.Formats.Yaml;
using CsCheck;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// Hostile input: random byte mutations of a valid SOPS-style YAML file either parse or fail
/// with <see cref="CryptFormatException"/>, never another exception; and whatever parses can
/// be written and read back to the same tree.
/// </summary>
public sealed class YamlMutationPropertyTests
{
    private const string Seed =
        "# head\nstringData:\n    username: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi==,type:str] # inline\n" +
        "    list:\n        - a\n        # between\n        - {x: 1, y: [2, 3.5]}\n    anchored: &a {k: v}\n    alias: *a\n" +
        "    multi: |\n        line1\n        line2\n    quoted: \"q\\tx\"\n    single: 'it''s'\n" +
        "sops:\n    lastmodified: \"2026-07-30T18:26:29Z\"\n    version: 3.13.2\n---\nsecond: 0x1F\n";

    private static readonly YamlStore s_store = new();

    private static string WithoutComments(TreeDocument doc) =>
        string.Join(" --- ", doc.Branches.Select(b => YamlTestTrees.Describe(Strip(b))));

    private static TreeNode Strip(TreeNode node) => node switch
    {
        TreeMap m => new TreeMap([.. m.Items.Where(i => !i.IsComment).Select(i => new TreeMapItem(i.Key, Strip(i.Value)))]),
        TreeList l => new TreeList([.. l.Items.Where(i => i is not TreeComment).Select(Strip)]),

        // go-yaml writes an integral float without a point ("7"), which reads back as an int.
        TreeScalar { Kind: ScalarKind.Float } f when Math.Abs(f.Float) < 1e15 && f.Float == Math.Floor(f.Float) => TreeScalar.Integer((long)f.Float),
        _ => node,
    };

    [Fact]
    public void Random_mutations_only_ever_fail_with_CryptFormatException_and_what_parses_writes_back()
    {
        byte[] seed = Encoding.UTF8.GetBytes(Seed);
        Gen<byte[]> mutated = Gen.Select(Gen.Int[1, 6].Array[1, 4], Gen.Int[0, seed.Length - 1].Array[4], Gen.Byte.Array[4], (ops, positions, bytes) =>
        {
            var data = new List<byte>(seed);
            for (int i = 0; i < ops.Length; i++)
            {
                int at = Math.Min(positions[i], data.Count - 1);
                byte b = bytes[i];
                switch (ops[i])
                {
                    case 1: data[at] = b; break;
                    case 2: data.Insert(at, b); break;
                    case 3: if (data.Count > 1) { data.RemoveAt(at); } break;
                    case 4: data[at] = (byte)":-#&*!|>'\"[]{},?\n\t "[b % 19]; break;
                    case 5: data.Insert(at, (byte)":-#&*!|>'\"[]{},?\n\t "[b % 19]); break;
                    default: data.InsertRange(at, data.GetRange(at, Math.Min(8, data.Count - at))); break;
                }
            }

            return data.ToArray();
        });

        mutated.Sample(bytes =>
        {
            TreeDocument doc;
            try
            {
                doc = s_store.ParsePlain(bytes);
            }
            catch (CryptFormatException)
            {
                return;
            }

            // Whatever parses must survive our own writer and reader: same keys, order and
            // typed values. (Comments may move between a list and its first map, as in sops.)
            byte[] written = s_store.EmitPlain(doc, Stores.EmitOptions.Default);
            TreeDocument again = s_store.ParsePlain(written);
            Assert.Equal(WithoutComments(doc), WithoutComments(again));
        }, iter: 3000);
    }
}
