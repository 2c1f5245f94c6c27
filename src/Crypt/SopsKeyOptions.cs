using Crypt.Crypto.KeySources;
using Crypt.Keys;

namespace Crypt;

/// <summary>
/// Where a host's keys come from. By default (a new instance, or null where one is accepted) the
/// keys are found exactly as the <c>crypt</c> CLI finds them: <c>SOPS_AGE_KEY</c>,
/// <c>SOPS_AGE_KEY_FILE</c>, <c>SOPS_AGE_KEY_CMD</c>, the default <c>sops/age/keys.txt</c>, SSH
/// keys, gpg, and the AWS and Azure credential chains, read from the process environment.
/// </summary>
public sealed class SopsKeyOptions
{
    /// <summary>
    /// age identities as text, each in the <c>keys.txt</c> format (one <c>AGE-SECRET-KEY-1…</c> per
    /// line, <c>#</c> comments allowed), tried together with the discovered ones.
    /// </summary>
    public IList<string> AgeIdentities { get; } = [];

    /// <summary>
    /// Key sources tried before any discovered one. A source replaces the discovered source of its
    /// <see cref="IKeyUnwrapper.Type"/> (one of type <c>age</c> also replaces <see cref="AgeIdentities"/>).
    /// </summary>
    public IList<IKeyUnwrapper> KeySources { get; } = [];

    /// <summary>
    /// Reads an environment variable (<c>SOPS_AGE_KEY_FILE</c>, <c>HOME</c>, <c>SOPS_CONFIG</c>, …);
    /// defaults to the process environment. A host can give a lookup of its own, e.g. for tests.
    /// </summary>
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Whether keys are also discovered as the CLI does (default true). When false, only
    /// <see cref="AgeIdentities"/> and <see cref="KeySources"/> are used.
    /// </summary>
    public bool DiscoverKeys { get; set; } = true;

    /// <summary>
    /// Returns the passphrase for an encrypted identity (an age identity file protected with a
    /// passphrase, a passphrase-protected SSH key), given a prompt that names it. When null, such an
    /// identity fails with an error saying no passphrase can be asked for.
    /// </summary>
    public Func<string, string>? PassphraseProvider { get; set; }

    /// <summary>Receives warnings (for example a key file readable by other users); ignored when null.</summary>
    public Action<string>? Warning { get; set; }

    /// <summary>The key services these options describe.</summary>
    internal KeyServices CreateServices() => new(Environment, Warning ?? (_ => { }), PassphraseProvider);

    /// <summary>The key ring for decrypting; the caller disposes it.</summary>
    internal KeyRing CreateKeyRing() =>
        CreateServices().CreateKeyRing(
            KeySources,
            AgeIdentities.Select((text, i) => new IdentityText($"{nameof(SopsKeyOptions)}.{nameof(AgeIdentities)}[{i}]", text)),
            DiscoverKeys);
}
