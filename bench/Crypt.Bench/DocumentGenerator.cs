using System.Globalization;
using System.Text;
using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>
/// Deterministic config-like plaintext files: one top-level section per service, ten leaves
/// each (strings, an int, a bool, a float, a two-item list, a nested map), and in YAML a head
/// comment per section, which SOPS encrypts too. Written in the form crypt itself emits
/// (4-space YAML, tab-indented JSON), so the input is typical of a file kept in git.
/// </summary>
internal static class DocumentGenerator
{
    /// <summary>Leaves per section.</summary>
    public const int LeavesPerSection = 10;

    private static readonly string[] s_tags = ["blue", "green", "canary", "stable", "edge"];

    public static byte[] Generate(DocumentFormat format, int leaves) => format switch
    {
        DocumentFormat.Yaml => Yaml(leaves),
        DocumentFormat.Json => Json(leaves),
        _ => throw new ArgumentOutOfRangeException(nameof(format), "the benchmarks cover YAML and JSON"),
    };

    public static byte[] Yaml(int leaves)
    {
        StringBuilder text = new(leaves * 32);
        Random random = new(leaves);
        for (int i = 0; i < Sections(leaves); i++)
        {
            Section s = Section.Create(i, random);
            text.Append(CultureInfo.InvariantCulture, $"# {s.Name}: connection settings, owner team-{i % 17}\n");
            text.Append(CultureInfo.InvariantCulture, $"{s.Name}:\n");
            text.Append(CultureInfo.InvariantCulture, $"    name: {s.Name}\n");
            text.Append(CultureInfo.InvariantCulture, $"    host: {s.Host}\n");
            text.Append(CultureInfo.InvariantCulture, $"    port: {s.Port}\n");
            text.Append(CultureInfo.InvariantCulture, $"    enabled: {(s.Enabled ? "true" : "false")}\n");
            text.Append(CultureInfo.InvariantCulture, $"    ratio: {s.Ratio}\n");
            text.Append(CultureInfo.InvariantCulture, $"    password: {s.Password}\n");
            text.Append(CultureInfo.InvariantCulture, $"    tags:\n        - {s.Tag1}\n        - {s.Tag2}\n");
            text.Append(CultureInfo.InvariantCulture, $"    limits:\n        cpu: {s.Cpu}m\n        memory: {s.Memory}Mi\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Json(int leaves)
    {
        StringBuilder text = new(leaves * 40);
        Random random = new(leaves);
        text.Append("{\n");
        int sections = Sections(leaves);
        for (int i = 0; i < sections; i++)
        {
            Section s = Section.Create(i, random);
            text.Append(CultureInfo.InvariantCulture, $"\t\"{s.Name}\": {{\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"name\": \"{s.Name}\",\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"host\": \"{s.Host}\",\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"port\": {s.Port},\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"enabled\": {(s.Enabled ? "true" : "false")},\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"ratio\": {s.Ratio},\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"password\": \"{s.Password}\",\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"tags\": [\n\t\t\t\"{s.Tag1}\",\n\t\t\t\"{s.Tag2}\"\n\t\t],\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t\"limits\": {{\n\t\t\t\"cpu\": \"{s.Cpu}m\",\n\t\t\t\"memory\": \"{s.Memory}Mi\"\n\t\t}}\n");
            text.Append(i + 1 < sections ? "\t},\n" : "\t}\n");
        }

        text.Append("}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static int Sections(int leaves)
    {
        if (leaves <= 0 || leaves % LeavesPerSection != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(leaves), $"leaves must be a positive multiple of {LeavesPerSection}");
        }

        return leaves / LeavesPerSection;
    }

    private sealed record Section(string Name, string Host, int Port, bool Enabled, string Ratio, string Password, string Tag1, string Tag2, int Cpu, int Memory)
    {
        public static Section Create(int index, Random random)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"service_{index:D6}");
            const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            char[] password = new char[24];
            for (int c = 0; c < password.Length; c++)
            {
                password[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            return new Section(
                name,
                string.Create(CultureInfo.InvariantCulture, $"db-{index:D6}.internal.example.com"),
                1024 + random.Next(60000),
                random.Next(2) == 0,
                (random.Next(1, 1000) / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture),
                new string(password),
                s_tags[random.Next(s_tags.Length)],
                s_tags[random.Next(s_tags.Length)],
                50 * random.Next(1, 40),
                64 * random.Next(1, 64));
        }
    }
}
