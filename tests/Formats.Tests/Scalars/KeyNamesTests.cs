using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Scalars;

public sealed class KeyNamesTests
{
    [Fact]
    public void A_repeated_name_comes_back_as_the_first_string_from_either_form()
    {
        KeyNames names = new();
        string first = names.Intern(new string("password".AsSpan()));

        Assert.Same(first, names.Intern(new string("password".AsSpan())));
        Assert.Same(first, names.Intern("password".AsSpan()));
        Assert.Equal("host", names.Intern("host".AsSpan()));
        Assert.Same(names.Intern("host".AsSpan()), names.Intern("host"));
    }

    [Fact]
    public void Past_its_bound_it_still_returns_equal_strings_but_holds_no_more()
    {
        KeyNames names = new();
        for (int i = 0; i < 5000; i++)
        {
            Assert.Equal($"k{i}", names.Intern($"k{i}".AsSpan()));
        }

        string late = names.Intern("k4999".AsSpan());
        Assert.Equal("k4999", late);
        Assert.NotSame(late, names.Intern("k4999".AsSpan()));
        Assert.Same(names.Intern("k0".AsSpan()), names.Intern("k0"));
    }

    [Theory]
    [InlineData(Stores.DocumentFormat.Json, "{\"x\": {\"name\": 1}, \"y\": {\"name\": 2}}")]
    [InlineData(Stores.DocumentFormat.Yaml, "x:\n  name: 1\ny:\n  name: 2\n")]
    public void The_stores_read_a_repeated_key_into_one_string(Stores.DocumentFormat format, string text)
    {
        TreeMap root = Stores.DocumentStores.For(format).ParsePlain(System.Text.Encoding.UTF8.GetBytes(text)).Branches[0];
        string first = ((TreeMap)root.Get("x")!).Items[0].Key!;
        string second = ((TreeMap)root.Get("y")!).Items[0].Key!;

        Assert.Equal("name", first);
        Assert.Same(first, second);
    }
}
