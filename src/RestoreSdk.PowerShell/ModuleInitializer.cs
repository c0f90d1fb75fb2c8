// Isolates the module's dependencies when PowerShell imports it: the engine and everything it needs load from Dependencies/, never displacing the host's own copies.
using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace RestoreSdk.PowerShell;

/// <summary>
/// Runs at Import-Module (before the cmdlet first touches the engine) and at Remove-Module. On .NET (PowerShell 7) the engine
/// assembly is loaded into <see cref="DependencyLoadContext"/>, which resolves the engine's dependencies from Dependencies/ first,
/// so RestoreSdk, Newtonsoft.Json, Microsoft.Extensions.* and Polly.Core of the module sit beside the host's, not instead of them.
/// On .NET Framework (Windows PowerShell 5.1), which has one load context, an AssemblyResolve handler finds them in Dependencies/.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The one assembly the default context is told about: every other dependency is reached through it.</summary>
    internal const string EngineAssemblyName = "RestoreSdk.PowerShell.Engine";

    internal static readonly string DependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

    private static readonly bool IsDotNetFramework =
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <inheritdoc />
    public void OnImport()
    {
        if (IsDotNetFramework)
        {
            AddFrameworkResolver();
        }
        else
        {
            AddLoadContextResolver();
        }
    }

    /// <summary>Set when a call first reaches the engine, so Remove-Module loads it only to release what it holds.</summary>
    internal static bool EngineUsed { get; set; }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (EngineUsed)
        {
            ForgetClients();
        }

        if (IsDotNetFramework)
        {
            RemoveFrameworkResolver();
        }
        else
        {
            RemoveLoadContextResolver();
        }
    }

    // The module's SDK clients (with their pacing and budgets) go with the module; a later Import-Module starts afresh.
    // Runs before the resolvers are removed: compiling it may need them to find the engine.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForgetClients()
    {
        Engine.SessionClients.Clear();
        EngineUsed = false;
    }

    // Separate methods, not inlined: .NET Framework never compiles the ones that name AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddLoadContextResolver() => DependencyLoadContext.Register(DependencyDirectory);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RemoveLoadContextResolver() => DependencyLoadContext.Unregister();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddFrameworkResolver() => AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RemoveFrameworkResolver() => AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;

    // .NET Framework: any assembly the module ships, by simple name, from Dependencies/ (the one context gives no isolation).
    private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
