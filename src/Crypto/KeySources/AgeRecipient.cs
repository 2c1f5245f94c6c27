using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// An age recipient as a SOPS master key (FORMAT.md §6.1): wraps the data key (or a Shamir
/// share) into its own armored age file with a single X25519 stanza and a fresh file key.
/// </summary>
public sealed class AgeRecipient : IKeyRecipient
{
    private readonly IAgeRecipient _recipient;

    /// <summary>Parses <paramref name="recipient"/> (trimmed, as SOPS does).</summary>
    /// <exception cref="AgeException">Malformed or unsupported recipient.</exception>
    public AgeRecipient(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        Id = recipient.Trim();
        _recipient = AgeKeyParser.ParseRecipient(Id);
    }

    /// <inheritdoc />
    public string Type => AgeKeyEntry.TypeName;

    /// <summary>The recipient string, <c>age1...</c>.</summary>
    public string Id { get; }

    /// <summary>Parses a comma-separated list as SOPS's <c>--age</c> flag and <c>age:</c> rule key accept it.</summary>
    /// <exception cref="AgeException">An entry is empty, malformed or unsupported.</exception>
    public static IReadOnlyList<AgeRecipient> ParseList(string commaSeparated)
    {
        ArgumentNullException.ThrowIfNull(commaSeparated);
        return commaSeparated.Length == 0 ? [] : [.. commaSeparated.Split(',').Select(r => new AgeRecipient(r))];
    }

    /// <inheritdoc />
    public Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] armored = AgeEncryptor.Encrypt(secret.Span, [_recipient], armor: true);
        return Task.FromResult<MasterKeyEntry>(new AgeKeyEntry(Id, Encoding.ASCII.GetString(armored)));
    }

    /// <inheritdoc />
    public override string ToString() => $"age recipient {Id}";
}
