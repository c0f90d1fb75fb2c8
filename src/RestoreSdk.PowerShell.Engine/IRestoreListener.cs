// How the engine tells the cmdlet what happens during a batch; called from the batch's thread, so the cmdlet queues it for the pipeline thread.
using System;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>Receives a batch's events as they happen. Every text has the run's secrets replaced by ***.</summary>
internal interface IRestoreListener
{
    /// <summary>The next package is about to be sent (index counts from 0).</summary>
    void Sending(int index, PackageRequest request);

    /// <summary>A package is done (restored or failed); packages not attempted are reported only in the batch's result.</summary>
    void Completed(PackageReport report);

    /// <summary>The client waits before sending again: a rate limit's hold or a retry's backoff, until <paramref name="until"/>.</summary>
    void Waiting(string reason, DateTimeOffset until);

    /// <summary>A line of the SDK's own log (debug detail).</summary>
    void Log(string line);
}
