namespace Crypt.Bench;

/// <summary>One operation prepared for timing: crypt's path and its floor over the same input.</summary>
internal interface IFloorWorkload : IDisposable
{
    // Both write into a reused in-memory stream (crypt streams its output to the target file or
    // stdout) and return the length written.

    /// <summary>crypt's library path.</summary>
    long Crypt();

    /// <summary>The work no implementation can avoid: parse + GCM over the same values + emit.</summary>
    long Floor();
}
