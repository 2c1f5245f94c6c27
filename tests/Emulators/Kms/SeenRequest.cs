namespace Crypt.Tests.Emulators.Kms;

/// <summary>What the emulator saw of one request's signature.</summary>
public sealed record SeenRequest(string Operation, string AccessKeyId, string CredentialScope, string SessionToken);
