namespace Crypt.Crypto.Shamir;

/// <summary>
/// Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B),
/// the field SOPS's <c>shamir/shamir.go</c> (after HashiCorp Vault) uses. Multiplication is
/// table-free and branch-free on its operands, so timing does not depend on secret bytes.
/// </summary>
internal static class GaloisField256
{
    /// <summary>a + b (and a - b): XOR.</summary>
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    /// <summary>a · b, by shift-and-add from the high bit of b, reducing with 0x1B.</summary>
    public static byte Multiply(byte a, byte b)
    {
        int accumulator = 0;
        for (int i = 7; i >= 0; i--)
        {
            // Masks instead of branches: -(bit) is all ones when the bit is set.
            int addA = -((b >> i) & 1) & a;
            int reduce = -((accumulator >> 7) & 1) & 0x1B;
            accumulator = ((accumulator << 1) & 0xFF) ^ reduce ^ addA;
        }

        return (byte)accumulator;
    }

    /// <summary>a^-1 = a^254 (Fermat), by a fixed addition chain; 0 maps to 0.</summary>
    public static byte Inverse(byte a)
    {
        byte b = Multiply(a, a);      // a^2
        byte c = Multiply(a, b);      // a^3
        b = Multiply(c, c);           // a^6
        b = Multiply(b, b);           // a^12
        c = Multiply(b, c);           // a^15
        b = Multiply(b, b);           // a^24
        b = Multiply(b, b);           // a^48
        b = Multiply(b, c);           // a^63
        b = Multiply(b, b);           // a^126
        b = Multiply(a, b);           // a^127
        return Multiply(b, b);        // a^254
    }

    /// <summary>a / b; b must not be zero (callers guarantee distinct share x values).</summary>
    public static byte Divide(byte a, byte b)
    {
        if (b == 0)
        {
            throw new DivideByZeroException("division by zero in GF(2^8)");
        }

        return Multiply(a, Inverse(b));
    }
}
