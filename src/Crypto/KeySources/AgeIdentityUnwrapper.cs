using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// Opens SOPS <c>age</c> entries with the loaded identities (FORMAT.md §6.1): de-armors the
/// <c>enc</c> and decrypts it with all identities. Owns the identities and wipes them on dispose.
/// Identities that depend on the master key (sops's <c>SOPS_AGE_KEY_CMD</c>, which is told the
/// recipient) come from a per-recipient loader, used for that entry and then disposed.
/// </summary>
public sealed class AgeIdentityUnwrapper : IKeyUnwrapper, IDisposable
{
    private readonly IReadOnlyList<IAgeIdentity> _identities;
    private readonly Func<string, List<IAgeIdentity>>? _forRecipient;

    /// <summary>Takes ownership of <paramref name="identities"/>; <paramref name="forRecipient"/> adds identities for one recipient.</summary>
    public AgeIdentityUnwrapper(IReadOnlyList<IAgeIdentity> identities, Func<string, List<IAgeIdentity>>? forRecipient = null)
    {
        ArgumentNullException.ThrowIfNull(identities);
        _identities = identities;
        _forRecipient = forRecipient;
    }

    /// <inheritdoc />
    public string Type => AgeKeyEntry.TypeName;

    /// <inheritdoc />
    public bool IsRemote => false;

    /// <summary>How many identities are loaded.</summary>
    public int Count => _identities.Count;

    /// <inheritdoc />
    public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        if (entry is not AgeKeyEntry age)
        {
            throw new KeySourceException(entry.Id, $"not an age entry (type {entry.Type})");
        }

        List<IAgeIdentity> extra = _forRecipient?.Invoke(age.Recipient) ?? [];
        IReadOnlyList<IAgeIdentity> all = extra.Count == 0 ? _identities : [.. _identities, .. extra];
        if (all.Count == 0)
        {
            throw new KeySourceException(age.Recipient, "no age identities are loaded");
        }

        try
        {
            return Task.FromResult(AgeDecryptor.Decrypt(Encoding.UTF8.GetBytes(age.Enc), all, AgeEncoding.Armored));
        }
        catch (AgeException e) when (e.Failure == AgeFailure.NoMatch)
        {
            throw new KeySourceException(age.Recipient, "no identity matched", e);
        }
        catch (AgeException e)
        {
            throw new KeySourceException(age.Recipient, e.Message, e);
        }
        finally
        {
            foreach (IDisposable identity in extra.OfType<IDisposable>())
            {
                identity.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (IDisposable identity in _identities.OfType<IDisposable>())
        {
            identity.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"age identities ({_identities.Count} loaded)";
}
