namespace Crypt.Crypto.Age;

/// <summary>
/// Blowfish with the key schedule exposed as bcrypt needs it (OpenBSD lib/libc/crypt/blowfish.c:
/// Blowfish_initstate, Blowfish_expandstate, Blowfish_expand0state, Blowfish_encipher). Only
/// encryption is needed. <see cref="Clear"/> wipes the key-dependent state.
/// </summary>
internal sealed class Blowfish
{
    private const int Rounds = 16;
    private readonly uint[] _p = new uint[Rounds + 2];
    private readonly uint[] _s = new uint[4 * 256];

    /// <summary>Loads the initial state (pi's digits).</summary>
    public void Initialize()
    {
        ReadOnlySpan<uint> pi = BlowfishPi.Words;
        pi[.._p.Length].CopyTo(_p);
        pi[_p.Length..].CopyTo(_s);
    }

    /// <summary>
    /// XORs <paramref name="key"/> (cyclically) into P, then re-keys P and S by encrypting a block
    /// that absorbs <paramref name="data"/> (cyclically) at each step; empty data is expand0state.
    /// </summary>
    public void ExpandState(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        int position = 0;
        for (int i = 0; i < _p.Length; i++)
        {
            _p[i] ^= NextWord(key, ref position);
        }

        position = 0;
        uint left = 0;
        uint right = 0;
        for (int i = 0; i < _p.Length; i += 2)
        {
            Absorb(data, ref position, ref left, ref right);
            _p[i] = left;
            _p[i + 1] = right;
        }

        for (int i = 0; i < _s.Length; i += 2)
        {
            Absorb(data, ref position, ref left, ref right);
            _s[i] = left;
            _s[i + 1] = right;
        }
    }

    /// <summary>Encrypts one 64-bit block given as two big-endian words.</summary>
    public void Encrypt(ref uint left, ref uint right)
    {
        uint l = left ^ _p[0];
        uint r = right;
        for (int i = 1; i <= Rounds; i += 2)
        {
            r ^= F(l) ^ _p[i];
            l ^= F(r) ^ _p[i + 1];
        }

        left = r ^ _p[Rounds + 1];
        right = l;
    }

    /// <summary>Wipes P and S.</summary>
    public void Clear()
    {
        Array.Clear(_p);
        Array.Clear(_s);
    }

    // Blowfish_stream2word: the next 4 bytes of data, big-endian, wrapping around its end.
    private static uint NextWord(ReadOnlySpan<byte> data, ref int position)
    {
        uint word = 0;
        for (int i = 0; i < 4; i++)
        {
            if (position >= data.Length)
            {
                position = 0;
            }

            word = (word << 8) | data[position++];
        }

        return word;
    }

    private void Absorb(ReadOnlySpan<byte> data, ref int position, ref uint left, ref uint right)
    {
        if (!data.IsEmpty)
        {
            left ^= NextWord(data, ref position);
            right ^= NextWord(data, ref position);
        }

        Encrypt(ref left, ref right);
    }

    private uint F(uint x) =>
        ((_s[x >> 24] + _s[256 + ((x >> 16) & 0xFF)]) ^ _s[512 + ((x >> 8) & 0xFF)]) + _s[768 + (x & 0xFF)];
}
