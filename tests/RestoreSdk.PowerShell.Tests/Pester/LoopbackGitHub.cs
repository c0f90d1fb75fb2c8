// A scripted GitHub on 127.0.0.1 for the Pester tests (compiled by Add-Type): records each request's raw target and headers, answers from a queue, can hold answers, can echo the secrets it received.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

public sealed class RecordedRequest
{
    public string Method { get; set; }
    public string RawTarget { get; set; }
    public Dictionary<string, string> Headers { get; set; }

    /// <summary>When the request arrived, in seconds on a monotonic clock (only differences mean anything).</summary>
    public double ReceivedSeconds { get; set; }
}

public sealed class ScriptedAnswer
{
    public int Status { get; set; }
    public string Body { get; set; }
    public Dictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
}

public sealed class LoopbackGitHub : IDisposable
{
    private readonly HttpListener _listener = new HttpListener();
    private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
    private readonly ConcurrentQueue<ScriptedAnswer> _answers = new ConcurrentQueue<ScriptedAnswer>();
    private readonly ManualResetEventSlim _released = new ManualResetEventSlim(true);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public LoopbackGitHub()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = "http://127.0.0.1:" + port + "/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        new Thread(Serve) { IsBackground = true }.Start();
    }

    public string BaseUrl { get; }

    /// <summary>Answers every request with a 404 whose message, request id and a header repeat the Authorization header and the raw target.</summary>
    public bool EchoSecrets { get; set; }

    public RecordedRequest[] Requests { get { lock (_requests) { return _requests.ToArray(); } } }

    public void Enqueue(int status, string message = null, System.Collections.IDictionary headers = null)
    {
        var answer = new ScriptedAnswer { Status = status, Body = message == null ? null : "{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest\"}" };
        if (headers != null)
        {
            foreach (System.Collections.DictionaryEntry header in headers) answer.Headers[(string)header.Key] = (string)header.Value;
        }
        _answers.Enqueue(answer);
    }

    /// <summary>Holds every answer until <see cref="Release"/>.</summary>
    public void Hold() => _released.Reset();

    public void Release() => _released.Set();

    /// <summary>Blocks until <paramref name="count"/> requests have arrived (woken by each arrival), or the timeout passes.</summary>
    public bool WaitForRequests(int count, int timeoutMilliseconds)
    {
        var deadline = _clock.ElapsedMilliseconds + timeoutMilliseconds;
        lock (_requests)
        {
            while (_requests.Count < count)
            {
                var left = deadline - _clock.ElapsedMilliseconds;
                if (left <= 0 || !Monitor.Wait(_requests, (int)left)) return _requests.Count >= count;
            }
            return true;
        }
    }

    public void Dispose()
    {
        _released.Set();
        try { _listener.Close(); } catch (ObjectDisposedException) { }
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = _listener.GetContext(); }
            catch (Exception) { return; }
            ThreadPool.QueueUserWorkItem(_ => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var headers = request.Headers.AllKeys.ToDictionary(key => key, key => request.Headers[key], StringComparer.OrdinalIgnoreCase);
        lock (_requests)
        {
            _requests.Add(new RecordedRequest { Method = request.HttpMethod, RawTarget = request.RawUrl, Headers = headers, ReceivedSeconds = _clock.Elapsed.TotalSeconds });
            Monitor.PulseAll(_requests);
        }
        _released.Wait();
        var response = context.Response;
        try
        {
            ScriptedAnswer answer;
            if (EchoSecrets)
            {
                headers.TryGetValue("Authorization", out var authorization);
                var echoed = (authorization ?? string.Empty) + " " + request.RawUrl + " " + Uri.UnescapeDataString(request.RawUrl);
                answer = new ScriptedAnswer { Status = 404, Body = "{\"message\":\"Not Found for " + echoed.Replace("\"", "'") + "\"}" };
                answer.Headers["X-GitHub-Request-Id"] = (authorization ?? string.Empty).Replace("token ", string.Empty).Replace("Bearer ", string.Empty);
                answer.Headers["X-Echo"] = echoed;
                if (_answers.TryDequeue(out var scripted)) answer.Status = scripted.Status;
            }
            else if (!_answers.TryDequeue(out answer))
            {
                answer = new ScriptedAnswer { Status = 204 };
            }

            response.StatusCode = answer.Status;
            if (!answer.Headers.ContainsKey("X-GitHub-Request-Id")) response.Headers["X-GitHub-Request-Id"] = "LOOP:" + Requests.Length;
            foreach (var header in answer.Headers) response.Headers[header.Key] = header.Value;
            if (answer.Body != null)
            {
                var bytes = Encoding.UTF8.GetBytes(answer.Body);
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength64 = bytes.Length;
                response.OutputStream.Write(bytes, 0, bytes.Length);
            }
            response.Close();
        }
        catch (Exception)
        {
            // The client went away (a cancelled request): nothing to answer.
        }
    }
}
