// The module's own AssemblyLoadContext on .NET: the engine and its dependencies load here from Dependencies/, so the host's copies are never displaced nor used.
using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RestoreSdk.PowerShell;

/// <summary>
/// Loads every assembly found in Dependencies/ itself (the documented pattern of "Resolving PowerShell module assembly dependency
/// conflicts"), except System.* ones: the runtime's own are the same or newer, and two copies of a type such as Span would clash.
/// Anything it does not ship (PowerShell, the runtime) comes from the default context, as for any module.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private static readonly object Gate = new object();
    private static DependencyLoadContext? _instance;

    private readonly string _directory;

    private DependencyLoadContext(string directory) => _directory = directory;

    /// <summary>
    /// Lets the default context find the engine (and only the engine) in this context: when the cmdlet first uses an engine
    /// type, the default context raises Resolving, and the engine then pulls in its dependencies through <see cref="Load"/>.
    /// </summary>
    public static void Register(string directory)
    {
        lock (Gate)
        {
            _instance ??= new DependencyLoadContext(directory);
            Default.Resolving -= ResolveEngine;
            Default.Resolving += ResolveEngine;
        }
    }

    public static void Unregister() => Default.Resolving -= ResolveEngine;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? string.Empty;
        if (name.StartsWith("System.", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(_directory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName assemblyName) =>
        assemblyName.Name == ModuleInitializer.EngineAssemblyName ? _instance?.LoadFromAssemblyName(assemblyName) : null;
}
