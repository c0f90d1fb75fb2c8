// The command line of restore-package in System.CommandLine: options, their checks, --help with examples, and the mapping to CommandOptions.
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using RestoreSdk.Cli.Input;

namespace RestoreSdk.Cli.Parsing;

/// <summary>The outcome of parsing: options to run with, text already written (help, version), or errors.</summary>
internal sealed record ParsedCommandLine(CommandOptions? Options, bool Handled, IReadOnlyList<string> Errors);

internal static class CommandLineSyntax
{
    public const string DefaultBaseUrl = "https://api.github.com";

    private const string Examples = """
        Examples:
          Restore your own npm package:
            GH_TOKEN=$(gh auth token) restore-package --type npm --name left-pad
          Restore two container images of an organization (you must be its admin):
            restore-package --org acme --type container --name acme/web --name acme/worker
          Restore many packages from a CSV with the columns org,type,name (empty org: your own), resumably:
            restore-package --from deleted.csv --journal restore.journal
          Read the CSV from standard input and write JSON Lines for a script:
            cat deleted.csv | restore-package --from - --output json
          See what a batch needs and how long it takes, sending nothing:
            restore-package --from deleted.csv --dry-run
          GitHub Enterprise Server, whose administrators set their own rate limits (here none):
            restore-package --base-url https://ghes.example.com/api/v3 --writes-per-hour 0 --type maven --name com.acme.core
          Try it without a token or network, against the built-in simulator's demo:
            restore-package --simulate

        Credentials: GH_TOKEN, else GITHUB_TOKEN: a personal access token (classic) with read:packages and
        write:packages (plus repo for Maven packages). The token is never printed.

        Exit codes: 0 every package restored or skipped, 1 at least one failed or was not attempted,
        2 bad command line, input file or environment (nothing sent; also a journal in use by another run),
        4 GitHub rejected the credentials (401), 130 interrupted (Ctrl+C), 143 stopped by SIGTERM; both print the summary first.
        """;

    private static readonly Option<string> TypeOption = new Option<string>("--type")
    {
        Description = $"The registry of the packages named by --name: {PackageTypes.List} (any case).",
        HelpName = "TYPE",
        CustomParser = ParseType,
    };

    private static readonly Option<string[]> NameOption = new Option<string[]>("--name")
    {
        Description = "A package to restore, as GitHub shows it (repeat for several; surrounding spaces are ignored). Needs --type.",
        HelpName = "NAME",
    };

    private static readonly Option<string> OrgOption = new Option<string>("--org")
    {
        Description = "The organization owning the --name packages; without it, the authenticated user's packages.",
        HelpName = "ORG",
    };

    private static readonly Option<string> FromOption = new Option<string>("--from")
    {
        Description = "A CSV file (- for standard input) whose header names the columns org, type and name; an empty org means your own package.",
        HelpName = "FILE",
    };

    private static readonly Option<Uri> BaseUrlOption = new Option<Uri>("--base-url")
    {
        Description = $"The REST API root: {DefaultBaseUrl}, or https://HOST/api/v3 for GitHub Enterprise Server.",
        HelpName = "URL",
        CustomParser = ParseBaseUrl,
    };

    private static readonly Option<bool> SimulateOption = new Option<bool>("--simulate")
    {
        Description = "Run against the in-process GitHub simulator: its demo without packages, or the given packages as deleted yesterday. Nothing leaves the machine.",
    };

    private static readonly Option<bool> DryRunOption = new Option<bool>("--dry-run")
    {
        Description = "Send nothing: print each package with what restoring it requires, and the expected duration. Needs no token.",
    };

    private static readonly Option<string> JournalOption = new Option<string>("--journal")
    {
        Description = "Record each request and outcome in FILE as it happens; packages it records as restored on the same target (base URL or --simulate) are skipped, "
            + "so a rerun resumes, and its sends of the last hour count against GitHub's hourly limit. One run at a time per FILE.",
        HelpName = "FILE",
    };

    private static readonly Option<string> OutputOption = new Option<string>("--output")
    {
        Description = "text (a summary table) or json (JSON Lines on standard output, one object per package).",
        HelpName = "FORMAT",
        DefaultValueFactory = _ => "text",
    };

    private static readonly Option<string> ApiVersionOption = new Option<string>("--api-version")
    {
        Description = "The X-GitHub-Api-Version header (default 2022-11-28).",
        HelpName = "VERSION",
    };

    private static readonly Option<string> PackageTokenEnvOption = new Option<string>("--package-token-env")
    {
        Description = "Read a package token (sent as the token query parameter) from the environment variable NAME.",
        HelpName = "NAME",
    };

    private static readonly Option<bool> AllowPlainHttpOption = new Option<bool>("--allow-plain-http")
    {
        Description = "Allow sending the token over http:// to a host other than loopback (a GitHub Enterprise Server without TLS).",
    };

    private static readonly Option<int> WritesPerHourOption = new Option<int>("--writes-per-hour")
    {
        Description = "Send at most N restore requests in any rolling hour; a larger batch pauses until the hour allows the next. "
            + "Default 500, GitHub's limit on content-generating requests; on GitHub Enterprise Server, your administrator's figure; 0 turns it off.",
        HelpName = "N",
        DefaultValueFactory = _ => CommandOptions.DefaultWritesPerHour,
        CustomParser = ParseWritesPerHour,
    };

    static CommandLineSyntax()
    {
        OutputOption.AcceptOnlyFromAmong("text", "json");
    }

    public static ParsedCommandLine Parse(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var root = CreateRootCommand();
        // No response files: "@scope/name" is an npm package name, not a file of arguments.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // The root command has no action of its own, so any action but the parse-error one is --help or --version.
        if (result.Action is not null and not ParseErrorAction)
        {
            result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            if (result.Action is HelpAction)
            {
                output.WriteLine(Examples);
            }

            return new ParsedCommandLine(null, Handled: true, Array.Empty<string>());
        }

        if (result.Errors.Count > 0)
        {
            return new ParsedCommandLine(null, Handled: false, result.Errors.Select(e => e.Message).ToList());
        }

        var options = new CommandOptions
        {
            Type = result.GetValue(TypeOption),
            Names = result.GetValue(NameOption) ?? Array.Empty<string>(),
            Org = result.GetValue(OrgOption),
            From = result.GetValue(FromOption),
            BaseUrl = result.GetValue(BaseUrlOption),
            Simulate = result.GetValue(SimulateOption),
            DryRun = result.GetValue(DryRunOption),
            Journal = result.GetValue(JournalOption),
            Output = result.GetValue(OutputOption) == "json" ? OutputFormat.Json : OutputFormat.Text,
            ApiVersion = result.GetValue(ApiVersionOption),
            PackageTokenVariable = result.GetValue(PackageTokenEnvOption),
            AllowPlainHttp = result.GetValue(AllowPlainHttpOption),
            WritesPerHour = result.GetValue(WritesPerHourOption),
        };
        var errors = Check(options);
        return new ParsedCommandLine(errors.Count == 0 ? options : null, Handled: false, errors);
    }

    private static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Restores deleted GitHub packages: one, several, or hundreds from a CSV, one request a second, waiting out rate limits.")
        {
            TypeOption,
            NameOption,
            OrgOption,
            FromOption,
            BaseUrlOption,
            SimulateOption,
            DryRunOption,
            JournalOption,
            OutputOption,
            ApiVersionOption,
            PackageTokenEnvOption,
            AllowPlainHttpOption,
            WritesPerHourOption,
        };
        return root;
    }

    // Rules that span options, which System.CommandLine cannot express per option.
    private static List<string> Check(CommandOptions options)
    {
        var errors = new List<string>();
        if (options.From is not null && (options.Type is not null || options.Names.Count > 0 || options.Org is not null))
        {
            errors.Add("--from cannot be combined with --type, --name or --org; put every package in the CSV.");
        }

        if (options.Names.Count > 0 && options.Type is null)
        {
            errors.Add($"--name needs --type ({PackageTypes.List}).");
        }

        if (options.Names.Count == 0 && (options.Type is not null || options.Org is not null))
        {
            errors.Add("--type and --org need at least one --name: say which package to restore.");
        }

        if (options.Names.Any(name => name.Trim().Length == 0))
        {
            errors.Add("--name cannot be empty.");
        }

        if (options.Org is not null && options.Org.Trim().Length == 0)
        {
            errors.Add("--org cannot be empty; leave it out to restore your own packages.");
        }

        if (options.Simulate && options.BaseUrl is not null)
        {
            errors.Add("--simulate and --base-url cannot be combined: --simulate never calls a real GitHub.");
        }

        if (!options.Simulate && options.From is null && options.Names.Count == 0)
        {
            errors.Add("nothing to restore: give --type TYPE --name NAME, or --from FILE (or --simulate to try the built-in demo).");
        }

        if (options.PackageTokenVariable is not null && options.PackageTokenVariable.Trim().Length == 0)
        {
            errors.Add("--package-token-env needs the name of an environment variable.");
        }

        return errors;
    }

    // Any case, as in a CSV's type column; the wire value is lower case.
    private static string? ParseType(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var type = PackageTypes.Normalize(text);
        if (type is null)
        {
            result.AddError($"--type must be one of {PackageTypes.List}; got '{Output.Printable.Escape(text)}'.");
        }

        return type;
    }

    // A whole number, 0 or more, in ASCII digits only: "5e2", "-1" and "500.0" are mistakes, not budgets.
    private static int ParseWritesPerHour(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (text.Length == 0 || !text.All(c => c is >= '0' and <= '9')
            || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var budget))
        {
            result.AddError($"--writes-per-hour needs a whole number of requests, 0 or more (GitHub allows {CommandOptions.DefaultWritesPerHour}; 0 turns the budget off); got '{Output.Printable.Escape(text)}'.");
            return 0;
        }

        return budget;
    }

    private static Uri? ParseBaseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            result.AddError($"--base-url needs an absolute http(s) URL, such as {DefaultBaseUrl} or https://HOST/api/v3; got '{Output.Printable.Escape(text)}'.");
            return null;
        }

        return url;
    }
}
