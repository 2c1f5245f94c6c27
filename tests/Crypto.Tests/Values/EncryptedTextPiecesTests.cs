using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Crypto.Values;

namespace Crypt.Crypto.Tests.Values;

public sealed class EncryptedTextPiecesTests
{
    private static readonly byte[] s_key = Convert.FromHexString("81d247290bee0b25484e76101e727f63fc984896953fe4888864f49db529e73a");

    [Theory]
    [InlineData(0, 32, SopsValueType.Str)]
    [InlineData(1, 12, SopsValueType.Int)]
    [InlineData(2, 32, SopsValueType.Bool)]
    [InlineData(3, 32, SopsValueType.Str)]
    [InlineData(47, 255, SopsValueType.Comment)]
    [InlineData(2000, 32, SopsValueType.Str)]
    public void Pieces_of_any_size_from_any_start_make_up_the_whole_text(int dataLength, int ivLength, SopsValueType type)
    {
        (byte[] data, byte[] iv, byte[] tag) = Parts(dataLength, ivLength);
        string whole = EncryptedValue.Format(data, iv, tag, type);

        foreach (int size in new[] { 1, 2, 3, 5, 7, 64, 1000, 4096 })
        {
            for (int start = 0; start < whole.Length; start += Math.Max(1, whole.Length / 97))
            {
                var text = new StringBuilder();
                byte[] piece = new byte[size];
                for (int at = start; at < whole.Length;)
                {
                    int count = EncryptedTextPieces.Format(data, iv, tag, type, at, piece);
                    Assert.InRange(count, 1, size);
                    text.Append(Encoding.ASCII.GetString(piece, 0, count));
                    at += count;
                }

                Assert.Equal(whole[start..], text.ToString());
                Assert.Equal(0, EncryptedTextPieces.Format(data, iv, tag, type, whole.Length, piece));
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(3000)]
    public void Only_the_canonical_text_equals_the_parts(int dataLength)
    {
        (byte[] data, byte[] iv, byte[] tag) = Parts(dataLength, 32);
        byte[] text = Encoding.ASCII.GetBytes(EncryptedValue.Format(data, iv, tag, SopsValueType.Str));
        Assert.True(EncryptedTextPieces.Equal(data, iv, tag, SopsValueType.Str, text));
        Assert.False(EncryptedTextPieces.Equal(data, iv, tag, SopsValueType.Int, text));
        Assert.False(EncryptedTextPieces.Equal(data, iv, tag, SopsValueType.Str, text.AsSpan(0, text.Length - 1)));

        foreach (int at in new[] { 0, 19, 20, text.Length / 2, text.Length - 30, text.Length - 1 })
        {
            byte[] changed = (byte[])text.Clone();
            changed[at] = changed[at] == (byte)'A' ? (byte)'B' : (byte)'A';
            Assert.False(EncryptedTextPieces.Equal(data, iv, tag, SopsValueType.Str, changed));
        }
    }

    [Fact]
    public void A_value_is_encrypted_and_decrypted_in_place_as_out_of_place()
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        byte[] iv = new byte[32];
        Random.Shared.NextBytes(iv);
        foreach (int length in new[] { 1, 15, 16, 17, 31, 32, 33, 100, 4099 })
        {
            byte[] plaintext = new byte[length];
            Random.Shared.NextBytes(plaintext);
            byte[] apart = new byte[length + iv.Length + ValueCipher.TagSize];
            cipher.EncryptToParts(plaintext, "k:"u8, (byte[])iv.Clone(), apart);

            // The same bytes encrypted over themselves.
            byte[] inPlace = new byte[apart.Length];
            plaintext.CopyTo(inPlace, 0);
            cipher.EncryptToParts(inPlace.AsSpan(0, length), "k:"u8, (byte[])iv.Clone(), inPlace);
            Assert.Equal(apart, inPlace);

            Assert.True(cipher.TryDecrypt(inPlace.AsSpan(0, length), inPlace.AsSpan(length, iv.Length), inPlace.AsSpan(length + iv.Length), "k:"u8, inPlace.AsSpan(0, length)));
            Assert.Equal(plaintext, inPlace.AsSpan(0, length).ToArray());
        }
    }

    private static (byte[] Data, byte[] Iv, byte[] Tag) Parts(int dataLength, int ivLength)
    {
        byte[] data = new byte[dataLength];
        byte[] iv = new byte[ivLength];
        byte[] tag = new byte[ValueCipher.TagSize];
        Random.Shared.NextBytes(data);
        Random.Shared.NextBytes(iv);
        Random.Shared.NextBytes(tag);
        return (data, iv, tag);
    }
}
