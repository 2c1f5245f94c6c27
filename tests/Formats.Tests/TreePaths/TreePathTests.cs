using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.TreePaths;

public sealed class TreePathTests
{
    private static TreeMap Sample() => new TreeMap()
        .Add("db", new TreeMap().Add("user", TreeScalar.String("app")).Add("port", TreeScalar.Integer(5432)))
        .Add("hosts", new TreeList([new TreeComment(" first"), TreeScalar.String("a"), TreeScalar.String("b")]));

    [Theory]
    [InlineData("[\"db\"][\"user\"]", new object[] { "db", "user" })]
    [InlineData("['db']['port']", new object[] { "db", "port" })]
    [InlineData("[\"hosts\"][1]", new object[] { "hosts", 1 })]
    [InlineData("[\"a:b c\"]", new object[] { "a:b c" })]
    public void Parse_reads_quoted_keys_and_indices(string text, object[] steps) =>
        Assert.Equal(steps, TreePath.Parse(text).Steps);

    [Theory]
    [InlineData("")]
    [InlineData("db")]
    [InlineData("[\"db\"")]
    [InlineData("[db]")]
    [InlineData("[\"db\"]x")]
    [InlineData("[-1]")]
    public void Parse_rejects_malformed_paths_with_a_tree_path_error(string text) =>
        Assert.Throws<InvalidTreePathException>(() => TreePath.Parse(text));

    [Theory]
    [InlineData("[\"db\"", 6)]
    [InlineData("db", 1)]
    public void ParseForChange_rejects_malformed_paths_with_a_set_error_naming_the_column(string text, int column)
    {
        InvalidSetException e = Assert.Throws<InvalidSetException>(() => TreePath.ParseForChange(text, "set"));
        Assert.Equal(column, e.Column);
        Assert.StartsWith($"invalid set path (column {column})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_skips_comments_when_indexing_lists()
    {
        TreeNode? found = TreePath.Parse("[\"hosts\"][0]").Find(Sample());
        Assert.Equal("a", Assert.IsType<TreeScalar>(found).Text);
    }

    [Fact]
    public void Find_returns_null_for_a_missing_step() =>
        Assert.Null(TreePath.Parse("[\"db\"][\"password\"]").Find(Sample()));

    [Fact]
    public void Set_creates_missing_maps_and_reports_a_change()
    {
        TreeMap root = Sample();
        Assert.True(TreePath.Parse("[\"cache\"][\"ttl\"]").Set(root, TreeScalar.Integer(30)));
        Assert.Equal(30, Assert.IsType<TreeScalar>(TreePath.Parse("[\"cache\"][\"ttl\"]").Find(root)).Int);
    }

    [Fact]
    public void Set_of_an_equal_value_reports_no_change()
    {
        TreeMap root = Sample();
        Assert.False(TreePath.Parse("[\"db\"][\"port\"]").Set(root, TreeScalar.Integer(5432)));
    }

    [Fact]
    public void Set_appends_at_or_past_the_end_as_sops_does()
    {
        TreeMap root = Sample();
        var hosts = (TreeList)root.Get("hosts")!;
        int before = hosts.Items.Count;
        Assert.True(TreePath.Parse("[\"hosts\"][2]").Set(root, TreeScalar.String("c")));
        Assert.True(TreePath.Parse("[\"hosts\"][9]").Set(root, TreeScalar.String("z")));
        Assert.True(TreePath.Parse("[\"hosts\"][20][\"k\"]").Set(root, TreeScalar.String("v")));
        Assert.Equal(before + 3, hosts.Items.Count);
        Assert.Equal("z", ((TreeScalar)hosts.Items[^2]).Text);
        Assert.Equal("v", ((TreeScalar)((TreeMap)hosts.Items[^1]).Get("k")!).Text);
    }

    [Fact]
    public void Remove_deletes_keys_and_list_items()
    {
        TreeMap root = Sample();
        Assert.True(TreePath.Parse("[\"db\"][\"user\"]").Remove(root));
        Assert.False(TreePath.Parse("[\"db\"][\"user\"]").Remove(root));
        Assert.True(TreePath.Parse("[\"hosts\"][0]").Remove(root));
        Assert.Equal("b", ((TreeScalar)TreePath.Parse("[\"hosts\"][0]").Find(root)!).Text);
    }
}
