using System.Text.RegularExpressions;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Json;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Tests;
using YamlDotNet.RepresentationModel;

namespace Crypt.Formats.Tests.Metadata;

/// <summary>
/// Loads the SOPS fixtures as trees. JSON and dotenv go through the real stores; YAML (whose
/// store lives elsewhere) through a test-only YamlDotNet representation-model bridge with a
/// minimal go-yaml-like resolver, enough for the metadata blocks: quoted scalars are strings,
/// plain <c>true</c>/<c>false</c> bools, plain integers ints, plain timestamps times.
/// </summary>
internal static partial class FixtureDocuments
{
    /// <summary>Every encrypted fixture (relative path), excluding the expected/plain/raw companions.</summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(SharedPaths.SopsFixtures, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(SharedPaths.SopsFixtures, p))
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".env", StringComparison.Ordinal))
            .Where(p => !p.EndsWith(".expected.json", StringComparison.Ordinal) && !p.Contains("plain", StringComparison.Ordinal) && !p.Contains("raw", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string FullPath(string relative) => Path.Combine(SharedPaths.SopsFixtures, relative);

    public static DocumentFormat FormatOf(string relative) => DocumentFormats.FromPath(relative);

    public static TreeDocument Load(string relative)
    {
        byte[] bytes = File.ReadAllBytes(FullPath(relative));
        return FormatOf(relative) switch
        {
            DocumentFormat.Json => new JsonStore().ParseEncrypted(bytes),
            DocumentFormat.Dotenv => new DotenvStore().ParseEncrypted(bytes),
            _ => LoadYaml(File.ReadAllText(FullPath(relative))),
        };
    }

    /// <summary>The metadata block's text (from the <c>sops</c> key on), for regex oracles.</summary>
    public static string MetadataText(string relative)
    {
        string text = File.ReadAllText(FullPath(relative));
        int start = FormatOf(relative) switch
        {
            DocumentFormat.Json => text.IndexOf("\"sops\": {", StringComparison.Ordinal),
            DocumentFormat.Dotenv => 0,
            _ => text.IndexOf("\nsops:", StringComparison.Ordinal),
        };
        return text[start..];
    }

    private static TreeDocument LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new TreeDocument(stream.Documents.Select(d => (TreeMap)Convert(d.RootNode)).ToList());
    }

    private static TreeNode Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new TreeMap(map.Children.Select(p => new TreeMapItem(((YamlScalarNode)p.Key).Value!, Convert(p.Value))).ToList()),
        YamlSequenceNode seq => new TreeList(seq.Children.Select(Convert).ToList()),
        YamlScalarNode scalar => Resolve(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static TreeScalar Resolve(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return TreeScalar.String(value);
        }

        return value switch
        {
            "" or "~" or "null" => TreeScalar.Null,
            "true" => TreeScalar.Boolean(true),
            "false" => TreeScalar.Boolean(false),
            _ when IntegerPattern().IsMatch(value) => TreeScalar.Integer(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            _ when TimestampPattern().IsMatch(value) => TreeScalar.Time(value),
            _ => TreeScalar.String(value),
        };
    }

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z$")]
    private static partial Regex TimestampPattern();
}
