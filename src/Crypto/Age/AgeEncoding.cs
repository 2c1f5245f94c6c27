namespace Crypt.Crypto.Age;

/// <summary>How an age file is encoded on disk.</summary>
internal enum AgeEncoding
{
    /// <summary>Binary unless the input does not start like a binary age file, then armored.</summary>
    Auto,

    /// <summary>The binary format (spec, "Encrypted file format").</summary>
    Binary,

    /// <summary>The ASCII armor (spec, "ASCII armor").</summary>
    Armored,
}
