namespace Crypt.Crypto.Aws.Tests.Emulator;

/// <summary>What the emulator saw of one request's signature.</summary>
internal sealed record SeenRequest(string Operation, string AccessKeyId, string CredentialScope, string SessionToken);
