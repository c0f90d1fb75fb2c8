// The module's own AssemblyLoadContext on .NET: the engine and its dependencies load here from Dependencies/, so the host's copies are never displaced nor used.
using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RestoreSdk.PowerShell;

/// <summary>
/// Loads every assembly found in Dependencies/ itself (the documented pattern of "Resolving PowerShell module assembly dependency
/// conflicts"), except a System.* one the runtime already has in at least the requested version: two copies of a type such as Span
/// would clash, so the runtime's is used then. A newer System.* than the runtime's (System.Diagnostics.DiagnosticSource 10.0.0.0,
/// which RestoreSdk and Microsoft.Extensions.* 10 reference, on the .NET 8 of PowerShell 7.4 or the .NET 9 of 7.5) loads from Dependencies/.
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

    /// <summary>Whether a runtime copy of version <paramref name="available"/> serves a reference to <paramref name="requested"/> (null: none, or any version).</summary>
    internal static bool Satisfies(Version? available, Version? requested) => available is not null && (requested is null || available >= requested);

    /// <summary>
    /// The version of <paramref name="name"/> the default context gives: the one it already loaded, else the runtime's own (a trusted
    /// platform assembly, read without loading it); null when it has none.
    /// </summary>
    internal static Version? DefaultContextVersion(string name)
    {
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            var loadedName = loaded.GetName();
            if (string.Equals(loadedName.Name, name, StringComparison.OrdinalIgnoreCase) && GetLoadContext(loaded) == Default)
            {
                return loadedName.Version;
            }
        }

        var platform = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in platform.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(Path.GetFileNameWithoutExtension(path), name, StringComparison.OrdinalIgnoreCase))
            {
                return AssemblyName.GetAssemblyName(path).Version;
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? string.Empty;
        if (name.StartsWith("System.", StringComparison.Ordinal) && Satisfies(DefaultContextVersion(name), assemblyName.Version))
        {
            return null;
        }

        var path = Path.Combine(_directory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName assemblyName) =>
        assemblyName.Name == ModuleInitializer.EngineAssemblyName ? _instance?.LoadFromAssemblyName(assemblyName) : null;
}
