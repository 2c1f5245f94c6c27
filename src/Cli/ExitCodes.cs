namespace Crypt.Cli;

/// <summary>
/// Process exit codes. The numbers are sops's (cmd/sops/codes/codes.go, FORMAT.md §10.1) so
/// scripts written for sops keep working.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ErrorGeneric = 1;
    public const int CouldNotReadInputFile = 2;
    public const int CouldNotWriteOutputFile = 3;
    public const int ErrorDumpingTree = 4;
    public const int ErrorReadingConfig = 5;
    public const int ErrorInvalidKmsEncryptionContextFormat = 6;
    public const int ErrorInvalidSetFormat = 7;
    public const int ErrorConflictingParameters = 8;
    public const int ErrorEncryptingMac = 21;
    public const int ErrorEncryptingTree = 23;
    public const int ErrorDecryptingTree = 25;
    public const int CannotChangeKeysFromNonExistentFile = 49;
    public const int MacMismatch = 51;
    public const int ConfigFileNotFound = 61;
    public const int KeyboardInterrupt = 85;
    public const int InvalidTreePathFormat = 91;
    public const int NeedAtLeastOneDocument = 92;
    public const int NoFileSpecified = 100;
    public const int NoEncryptionKeyFound = 111;
    public const int DuplicateDecryptionKeyType = 112;
    public const int CouldNotRetrieveKey = 128;
    public const int FileHasNotBeenModified = 200;
    public const int NoEditorFound = 201;
    public const int FailedToCompareVersions = 202;
    public const int FileAlreadyEncrypted = 203;
}
