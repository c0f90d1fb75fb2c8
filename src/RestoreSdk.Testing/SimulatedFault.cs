// Failures a test can inject into the simulator's next answers: server errors, dropped connections and latency.
using System;

namespace RestoreSdk.Testing;

/// <summary>A failure <see cref="GitHubSimulator.FailNext"/> applies to one upcoming request.</summary>
public sealed class SimulatedFault
{
    private SimulatedFault(int? statusCode, bool dropConnection, bool afterProcessing, TimeSpan latency)
    {
        StatusCode = statusCode;
        DropsConnection = dropConnection;
        AfterProcessing = afterProcessing;
        Delay = latency;
    }

    /// <summary>The 5xx status answered instead of processing the request, or <see langword="null"/>.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether the connection drops: the caller's <c>SendAsync</c> throws <see cref="System.Net.Http.HttpRequestException"/>.</summary>
    public bool DropsConnection { get; }

    /// <summary>For a dropped connection: whether GitHub processed the request (and so may have restored the package) before the connection dropped.</summary>
    public bool AfterProcessing { get; }

    /// <summary>How long the answer is delayed on the simulator's clock before the request is processed.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Answers with a server error instead of processing the request, with GitHub's JSON error body.</summary>
    /// <param name="statusCode">A status from 500 to 599; defaults to 502 Bad Gateway.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a 5xx status.</exception>
    public static SimulatedFault ServerError(int statusCode = 502) =>
        statusCode is >= 500 and <= 599
            ? new SimulatedFault(statusCode, dropConnection: false, afterProcessing: false, TimeSpan.Zero)
            : throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A server error is a status from 500 to 599.");

    /// <summary>Drops the connection, so the caller sees an <see cref="System.Net.Http.HttpRequestException"/> and no answer.</summary>
    /// <param name="afterProcessing">Drop it after processing the request (a restore then happens though the caller never learns it), rather than before.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault DroppedConnection(bool afterProcessing = false) =>
        new SimulatedFault(null, dropConnection: true, afterProcessing, TimeSpan.Zero);

    /// <summary>Delays the answer on the simulator's <see cref="TimeProvider"/>, then processes the request normally.</summary>
    /// <param name="delay">How long to wait; a positive time.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is not positive.</exception>
    public static SimulatedFault Latency(TimeSpan delay) =>
        delay > TimeSpan.Zero
            ? new SimulatedFault(null, dropConnection: false, afterProcessing: false, delay)
            : throw new ArgumentOutOfRangeException(nameof(delay), delay, "Latency must be positive.");
}
