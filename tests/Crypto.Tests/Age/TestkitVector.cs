using System.IO.Compression;
using System.Text;
using Crypt.Crypto.Age;
using Crypt.Tests;

namespace Crypt.Crypto.Tests.Age;

/// <summary>
/// One file of the age test kit (C2SP CCTV, age/testdata; format in its README.md): a textual
/// header of "key: value" lines, an empty line, then the age file, possibly zlib-compressed.
/// </summary>
internal sealed class TestkitVector
{
    private TestkitVector(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string Expect { get; private set; } = string.Empty;

    public string? PayloadHash { get; private set; }

    public byte[]? FileKey { get; private set; }

    public List<string> Identities { get; } = [];

    public List<string> Passphrases { get; } = [];

    public bool Armored { get; private set; }

    public byte[] File { get; private set; } = [];

    public bool IsHybrid => Identities.Any(i => i.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal));

    public static IEnumerable<string> AllNames() =>
        Directory.GetFiles(SharedPaths.AgeTestkit)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n is not "README.md" and not "LICENSE")
            .Order(StringComparer.Ordinal);

    public static TestkitVector Load(string name)
    {
        byte[] raw = System.IO.File.ReadAllBytes(Path.Combine(SharedPaths.AgeTestkit, name));
        TestkitVector vector = new(name);
        bool compressed = false;
        int position = 0;
        while (true)
        {
            int newline = Array.IndexOf(raw, (byte)'\n', position);
            Assert.True(newline >= 0, $"{name}: no empty line before the payload");
            string line = Encoding.UTF8.GetString(raw, position, newline - position);
            position = newline + 1;
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            string key = colon < 0 ? line : line[..colon];
            string value = colon < 0 ? string.Empty : line[(colon + 2)..];
            switch (key)
            {
                case "expect": vector.Expect = value; break;
                case "payload": vector.PayloadHash = value; break;
                case "file key": vector.FileKey = Convert.FromHexString(value); break;
                case "identity": vector.Identities.Add(value); break;
                case "passphrase": vector.Passphrases.Add(value); break;
                case "armored": vector.Armored = value == "yes"; break;
                case "compressed":
                    Assert.Equal("zlib", value);
                    compressed = true;
                    break;
                case "comment": break;
                default: throw new InvalidDataException($"{name}: unknown header key {key}");
            }
        }

        byte[] file = raw[position..];
        if (compressed)
        {
            using ZLibStream zlib = new(new MemoryStream(file), CompressionMode.Decompress);
            using MemoryStream output = new();
            zlib.CopyTo(output);
            file = output.ToArray();
        }

        vector.File = file;
        return vector;
    }

    /// <summary>The identities in the order the vector lists them (X25519 before passphrases, as age sorts natives).</summary>
    public List<IAgeIdentity> ParseIdentities() =>
        [.. Identities.Select(AgeKeyParser.ParseIdentity), .. Passphrases.Select(p => new ScryptIdentity(p))];

    public override string ToString() => Name;
}
