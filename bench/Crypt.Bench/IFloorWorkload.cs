namespace Crypt.Bench;

/// <summary>One operation prepared for timing: crypt's path and its floor over the same input.</summary>
internal interface IFloorWorkload : IDisposable
{
    /// <summary>crypt's library path.</summary>
    byte[] Crypt();

    /// <summary>The work no implementation can avoid: parse + GCM over the same values + emit.</summary>
    byte[] Floor();
}
