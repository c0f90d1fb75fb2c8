// A scratch folder for one test's fixture files, deleted afterwards.
using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator.Tests;

internal sealed class TempDirectory : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Path { get; } = Directory.CreateTempSubdirectory("restore-sdk-gen-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, JsonNode document) => WriteText(name, document.ToJsonString(Indented));

    public string WriteText(string name, string text)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
