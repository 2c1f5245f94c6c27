using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// An age recipient as a SOPS master key (FORMAT.md §6.1): wraps the data key (or a Shamir
/// share) into its own armored age file with a single X25519 stanza and a fresh file key.
/// </summary>
public sealed class AgeRecipient : IKeyRecipient
{
    private readonly IAgeRecipient _recipient;

    /// <summary>Parses <paramref name="recipient"/> (trimmed, as SOPS does).</summary>
    /// <exception cref="MalformedKeyException">Malformed or unsupported recipient (the age parser's error inside).</exception>
    public AgeRecipient(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        Id = recipient.Trim();
        try
        {
            _recipient = AgeKeyParser.ParseRecipient(Id);
        }
        catch (AgeException e)
        {
            // A recipient a user wrote as a SOPS master key: the same failure as a malformed KMS
            // ARN or Key Vault URL, whatever the age parser calls it.
            throw new MalformedKeyException($"age recipient '{Id}'", e.Message, e);
        }
    }

    /// <inheritdoc />
    public string Type => AgeKeyEntry.TypeName;

    /// <summary>The recipient string, <c>age1...</c>.</summary>
    public string Id { get; }

    /// <summary>Parses a comma-separated list as SOPS's <c>--age</c> flag and <c>age:</c> rule key accept it.</summary>
    /// <exception cref="MalformedKeyException">An entry is empty, malformed or unsupported.</exception>
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
