using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Editing;

/// <summary>
/// What <c>edit</c> opens for a file that does not exist yet: sops's example documents
/// (stores.ExampleComplexTree for YAML and JSON, ExampleFlatTree for dotenv, ExampleSimpleTree for INI, one string for
/// binary), plainly example data for the user to replace.
/// </summary>
internal static class ExampleDocument
{
    private const string Welcome = "Welcome to crypt! Edit this file as you please!";

    public static TreeDocument For(DocumentFormat format) => new(format switch
    {
        DocumentFormat.Dotenv => new TreeMap()
            .AddComment(new TreeComment(" This is an example file."))
            .Add("hello", TreeScalar.String(Welcome))
            .Add("example_key", TreeScalar.String("example_value"))
            .Add("example_multiline", TreeScalar.String("foo\nbar\nbaz")),
        DocumentFormat.Ini => new TreeMap().Add("Welcome!", new TreeMap()
            .AddComment(new TreeComment(" This is an example file."))
            .Add("hello", TreeScalar.String(Welcome))
            .Add("example_key", TreeScalar.String("example_value"))),
        DocumentFormat.Binary => new TreeMap().Add("data", TreeScalar.String(Welcome + "\n")),
        _ => new TreeMap()
            .Add("hello", TreeScalar.String(Welcome))
            .Add("example_key", TreeScalar.String("example_value"))
            .AddComment(new TreeComment(" Example comment"))
            .Add("example_array", new TreeList([TreeScalar.String("example_value1"), TreeScalar.String("example_value2")]))
            .Add("example_number", TreeScalar.FloatingPoint(1234.56789))
            .Add("example_booleans", new TreeList([TreeScalar.Boolean(true), TreeScalar.Boolean(false)])),
    });
}
