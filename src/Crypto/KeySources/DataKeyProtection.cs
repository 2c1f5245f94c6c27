using System.Security.Cryptography;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.Shamir;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// Wraps a data key for key groups and recovers it (FORMAT.md §6.5, §7; SOPS
/// <c>Metadata.UpdateMasterKeys</c> and <c>GetDataKeyWithKeyServices</c>). One group: every key
/// wraps the whole 32-byte key. Two or more: the key is split with Shamir and every key of group
/// i wraps share i (33 bytes).
/// </summary>
public static class DataKeyProtection
{
    private const int ShareSize = DataKey.Size + 1;

    /// <summary>
    /// Wraps <paramref name="dataKey"/> for <paramref name="groups"/>. <paramref name="shamirThreshold"/>
    /// 0 means "all groups"; it is ignored for a single group (and then recorded only if non-zero).
    /// </summary>
    /// <exception cref="CryptFormatException">No group, an empty group, or a threshold outside 2..groups.</exception>
    /// <exception cref="KeyWrapException">A key source refused (its failure is the inner exception).</exception>
    public static async Task<WrappedKeyGroups> WrapAsync(
        DataKey dataKey,
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> groups,
        int shamirThreshold,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            throw new CryptFormatException("could not generate the data key: no key groups provided");
        }

        foreach (IReadOnlyList<IKeyRecipient> group in groups)
        {
            if (group.Count == 0)
            {
                throw new CryptFormatException("could not generate the data key: empty key group provided");
            }
        }

        int threshold = shamirThreshold;
        byte[][] secrets;
        if (groups.Count == 1)
        {
            secrets = [dataKey.Span.ToArray()];
        }
        else
        {
            threshold = shamirThreshold == 0 ? groups.Count : shamirThreshold;
            if (threshold < 2 || threshold > groups.Count || groups.Count > ShamirSecretSharing.MaxParts)
            {
                throw new CryptFormatException(
                    $"Shamir threshold {threshold} is invalid for {groups.Count} key groups: it must be between 2 and the number of groups (at most 255)");
            }

            secrets = ShamirSecretSharing.Split(dataKey.Span, groups.Count, threshold);
        }

        try
        {
            // All keys at once: remote services answer in parallel; order is kept by index.
            Task<MasterKeyEntry>[][] tasks = new Task<MasterKeyEntry>[groups.Count][];
            for (int g = 0; g < groups.Count; g++)
            {
                tasks[g] = new Task<MasterKeyEntry>[groups[g].Count];
                for (int k = 0; k < groups[g].Count; k++)
                {
                    tasks[g][k] = groups[g][k].WrapAsync(secrets[g], cancellationToken);
                }
            }

            List<IReadOnlyList<MasterKeyEntry>> wrapped = new(groups.Count);
            foreach (Task<MasterKeyEntry>[] group in tasks)
            {
                wrapped.Add(await Task.WhenAll(group).ConfigureAwait(false));
            }

            return new WrappedKeyGroups(wrapped, threshold);
        }
        catch (CryptException e) when (e is KeySourceException or GpgException or AgeException)
        {
            throw new KeyWrapException(e);
        }
        finally
        {
            foreach (byte[] secret in secrets)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>
    /// Recovers the data key: groups in order, keys inside a group in decryption order
    /// (<paramref name="decryptionOrder"/> or <see cref="DecryptionOrder.Default"/>; unlisted
    /// types keep file order, local before remote); the first key that opens wins for its group,
    /// and no more groups are tried once the threshold is met. Cached secrets are reused.
    /// </summary>
    /// <exception cref="NoMatchingKeyException">Too few groups could be opened; lists every key tried.</exception>
    /// <exception cref="InvalidDecryptionOrderException">The order names a type twice.</exception>
    public static async Task<DataKey> UnwrapAsync(
        IReadOnlyList<IReadOnlyList<MasterKeyEntry>> groups,
        int shamirThreshold,
        KeyRing keys,
        IReadOnlyList<string>? decryptionOrder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(keys);
        IReadOnlyList<string> order = decryptionOrder ?? DecryptionOrder.Default;
        DecryptionOrder.Validate(order);

        // A split key always needed all groups when no threshold was recorded (0 ⇒ N at split).
        int required = groups.Count <= 1 ? 1 : (shamirThreshold <= 0 ? groups.Count : shamirThreshold);
        int expectedSize = groups.Count <= 1 ? DataKey.Size : ShareSize;
        List<KeyAttempt> attempts = [];
        List<byte[]> parts = [];
        bool[] opened = new bool[groups.Count];
        try
        {
            for (int g = 0; g < groups.Count && parts.Count < required; g++)
            {
                foreach (MasterKeyEntry entry in InOrder(groups[g], order, keys))
                {
                    byte[]? secret = await TryUnwrapAsync(entry, g, expectedSize, keys, attempts, cancellationToken).ConfigureAwait(false);
                    if (secret is not null)
                    {
                        parts.Add(secret);
                        opened[g] = true;
                        break;
                    }
                }
            }

            if (parts.Count < required || parts.Count == 0)
            {
                throw new NoMatchingKeyException(KeyRecoveryReport.Format(groups.Count, required, opened, attempts), attempts);
            }

            if (groups.Count <= 1)
            {
                return DataKey.FromBytes(parts[0]);
            }

            byte[] combined = ShamirSecretSharing.Combine(parts);
            try
            {
                return DataKey.FromBytes(combined);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(combined);
            }
        }
        finally
        {
            foreach (byte[] part in parts)
            {
                CryptographicOperations.ZeroMemory(part);
            }
        }
    }

    /// <summary>The group's entries sorted stably by decryption-order priority.</summary>
    internal static List<MasterKeyEntry> InOrder(IReadOnlyList<MasterKeyEntry> group, IReadOnlyList<string> order, KeyRing keys)
    {
        List<(int Priority, int Index, MasterKeyEntry Entry)> ranked = new(group.Count);
        for (int i = 0; i < group.Count; i++)
        {
            MasterKeyEntry entry = group[i];
            int priority = IndexOf(order, entry.Type);
            if (priority < 0)
            {
                // Unlisted types after listed ones; among them, local key sources first.
                IKeyUnwrapper? unwrapper = keys.For(entry.Type);
                priority = order.Count + (unwrapper is { IsRemote: false } ? 0 : 1);
            }

            ranked.Add((priority, i, entry));
        }

        ranked.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Index.CompareTo(b.Index));
        return ranked.ConvertAll(static r => r.Entry);
    }

    private static async Task<byte[]?> TryUnwrapAsync(
        MasterKeyEntry entry,
        int group,
        int expectedSize,
        KeyRing keys,
        List<KeyAttempt> attempts,
        CancellationToken cancellationToken)
    {
        IKeyUnwrapper? unwrapper = keys.For(entry.Type);
        if (entry is OpaqueKeyEntry && unwrapper is null)
        {
            attempts.Add(new KeyAttempt(group, entry.Type, entry.Id, $"key type {entry.Type} is not supported by crypt"));
            return null;
        }

        byte[]? secret = keys.Cache.TryGet(entry);
        if (secret is null)
        {
            if (unwrapper is null)
            {
                attempts.Add(new KeyAttempt(group, entry.Type, entry.Id, $"no {entry.Type} key source is available"));
                return null;
            }

            try
            {
                secret = await unwrapper.UnwrapAsync(entry, cancellationToken).ConfigureAwait(false);
            }
            catch (CryptException e)
            {
                attempts.Add(new KeyAttempt(group, entry.Type, entry.Id, e switch
                {
                    KeySourceException k => k.Reason,
                    GpgException g => g.Reason,
                    _ => e.Message,
                }));
                return null;
            }

            if (secret.Length != expectedSize)
            {
                CryptographicOperations.ZeroMemory(secret);
                attempts.Add(new KeyAttempt(group, entry.Type, entry.Id, $"the unwrapped key is {secret.Length} bytes, expected {expectedSize}"));
                return null;
            }

            keys.Cache.Add(entry, secret);
        }

        return secret;
    }

    private static int IndexOf(IReadOnlyList<string> order, string type)
    {
        for (int i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], type, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
