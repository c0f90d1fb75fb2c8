// Reads packages from CSV (RFC 4180: quotes, doubled quotes, CRLF or LF, a BOM, blank lines) with a header naming org, type and name.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace RestoreSdk.Cli.Input;

internal static class PackageCsvReader
{
    private static readonly string[] Columns = { "org", "type", "name" };

    /// <summary>Every package in <paramref name="reader"/>; an <see cref="InputException"/> naming the line of the first bad row.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="displayName">The file's name for messages ("standard input" for -).</param>
    public static IReadOnlyList<RequestedPackage> Read(TextReader reader, string displayName)
    {
        var records = ParseRecords(reader.ReadToEnd(), displayName).ToList();
        if (records.Count == 0)
        {
            throw new InputException($"{displayName} is empty; it needs a header row naming the columns org, type and name.");
        }

        var (headerLine, header) = records[0];
        var positions = HeaderPositions(header, headerLine, displayName);
        var packages = new List<RequestedPackage>();
        foreach (var (line, fields) in records.Skip(1))
        {
            var where = $"line {line} of {displayName}";
            if (fields.Count != header.Count)
            {
                throw new InputException($"{where} has {fields.Count} field(s) but the header has {header.Count}.");
            }

            var org = fields[positions["org"]].Trim();
            var typeText = fields[positions["type"]];
            var name = fields[positions["name"]].Trim();
            var type = PackageTypes.Normalize(typeText)
                ?? throw new InputException($"{where}: unknown package type '{Output.Printable.Escape(typeText)}' (expected one of {PackageTypes.List}).");
            if (name.Length == 0)
            {
                throw new InputException($"{where}: the name is empty.");
            }

            RequestedPackage.CheckPrintable(org, "organization", where);
            RequestedPackage.CheckPrintable(name, "package name", where);

            packages.Add(new RequestedPackage(org.Length == 0 ? null : org, type, name, where));
        }

        return packages;
    }

    private static Dictionary<string, int> HeaderPositions(IReadOnlyList<string> header, int line, string displayName)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var column = header[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(column))
            {
                throw new InputException($"line {line} of {displayName}: the header names an unknown column '{Output.Printable.Escape(header[i])}'; it must name exactly org, type and name, in any order.");
            }

            if (!positions.TryAdd(column, i))
            {
                throw new InputException($"line {line} of {displayName}: the header names the column '{Output.Printable.Escape(column)}' twice.");
            }
        }

        var missing = Columns.Where(column => !positions.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException($"line {line} of {displayName}: the header lacks the column(s) {string.Join(", ", missing)}; the first row must name org, type and name, in any order.");
        }

        return positions;
    }

    // RFC 4180 records with the line each starts on; a line with nothing but spaces on it is skipped rather than read as a one-field record.
    private static IEnumerable<(int Line, IReadOnlyList<string> Fields)> ParseRecords(string text, string displayName)
    {
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (position < text.Length)
        {
            var blankEnd = position;
            while (blankEnd < text.Length && text[blankEnd] is ' ' or '\t')
            {
                blankEnd++;
            }

            if (blankEnd == text.Length || text[blankEnd] is '\r' or '\n')
            {
                position = blankEnd == text.Length ? blankEnd : SkipLineBreak(text, blankEnd);
                line++;
                continue;
            }

            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                if (position < text.Length && text[position] == '"')
                {
                    var quoteLine = line;
                    position++;
                    while (true)
                    {
                        if (position >= text.Length)
                        {
                            throw new InputException($"line {quoteLine} of {displayName}: a quoted field is never closed.");
                        }

                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < text.Length && text[position + 1] == '"')
                            {
                                field.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                        position++;
                    }

                    if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        throw new InputException($"line {line} of {displayName}: unexpected text after a closing quote.");
                    }
                }
                else
                {
                    while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        if (text[position] == '"')
                        {
                            throw new InputException($"line {line} of {displayName}: a quote inside an unquoted field (quote the whole field and double the quote).");
                        }

                        field.Append(text[position]);
                        position++;
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                }
                else
                {
                    endOfRecord = true;
                    if (position < text.Length)
                    {
                        position = SkipLineBreak(text, position);
                        line++;
                    }
                }
            }

            yield return (startLine, fields);
        }
    }

    private static int SkipLineBreak(string text, int position) =>
        text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? position + 2 : position + 1;
}
