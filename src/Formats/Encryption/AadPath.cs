using System.Text;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The AAD of the current leaf (FORMAT.md §3.2): the map keys from the document root joined by
/// <c>:</c> plus a trailing <c>:</c>; list indices never appear; the empty path is <c>:</c>.
/// Kept as one growing UTF-8 buffer: entering a key appends it, leaving truncates back, so a
/// million leaves cost no joins.
/// </summary>
internal sealed class AadPath
{
    private static readonly byte[] s_root = ":"u8.ToArray();

    private byte[] _buffer = new byte[256];
    private readonly List<int> _marks = [];
    private int _length;

    /// <summary>The AAD bytes of the current path.</summary>
    public ReadOnlySpan<byte> Current => _length == 0 ? s_root : _buffer.AsSpan(0, _length);

    /// <summary>The current path as users read it (<c>db:password</c>); empty at the root.</summary>
    public string KeyPath => _length == 0 ? string.Empty : Encoding.UTF8.GetString(_buffer, 0, _length - 1);

    /// <summary>How many keys the current path has.</summary>
    public int Depth => _marks.Count;

    /// <summary>Appends a key.</summary>
    public void Push(string key)
    {
        _marks.Add(_length);
        int needed = _length + Encoding.UTF8.GetMaxByteCount(key.Length) + 1;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        _length += Encoding.UTF8.GetBytes(key, _buffer.AsSpan(_length));
        _buffer[_length++] = (byte)':';
    }

    /// <summary>Removes the last key.</summary>
    public void Pop()
    {
        _length = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
    }

    /// <summary>Back to the root (each document of a multi-document file starts there).</summary>
    public void Reset()
    {
        _length = 0;
        _marks.Clear();
    }

    /// <summary>The AAD of the ancestor path made of the first <paramref name="depth"/> keys.</summary>
    public ReadOnlySpan<byte> Ancestor(int depth) =>
        depth == _marks.Count ? Current : depth == 0 ? s_root : _buffer.AsSpan(0, _marks[depth]);
}
