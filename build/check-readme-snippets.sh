#!/usr/bin/env bash
# Keeps every C# block in README.md and the package READMEs (src/*/README.md) equal to its marked region in docs/examples (which CI builds); --update rewrites the blocks.
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: build/check-readme-snippets.sh [--update]"
mode=check
case ${1:-} in
  "") ;;
  --update) mode=update ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
command -v node >/dev/null || { echo "error: node is needed to check the README's snippets" >&2; exit 2; }

# A README block is marked by the line <!-- snippet: NAME --> just before its ```csharp fence (in package READMEs, which NuGet
# shows without HTML, the invisible link definition [//]: # (snippet: NAME)). Its text is the code between
# "#region snippet:NAME" and "#endregion" in docs/examples/*.cs, less the #region line's indentation; several regions of
# one name (say the using directives and a method body) are joined by a blank line, in file order.
node - "$mode" <<'JS'
const fs = require("fs");
const path = require("path");
const mode = process.argv[2];
const readmes = ["README.md", ...fs.readdirSync("src").map(d => path.join("src", d, "README.md")).filter(f => fs.existsSync(f)).sort()];
const examples = "docs/examples";
const problems = [];

const regions = new Map(); // name -> { file, parts: [[lines]] }
for (const file of fs.readdirSync(examples).filter(f => f.endsWith(".cs")).sort().map(f => path.join(examples, f))) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = /^(\s*)#region snippet:(\S+)\s*$/.exec(lines[i]);
    if (!start) continue;
    const [, indent, name] = start;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*#endregion\b/.test(lines[j]); j++) {
      if (lines[j].trim() !== "" && !lines[j].startsWith(indent)) {
        problems.push(`${file}:${j + 1}: a line of snippet '${name}' is indented less than its #region`);
      }
      body.push(lines[j].trim() === "" ? "" : lines[j].slice(indent.length).trimEnd());
    }
    if (j === lines.length) problems.push(`${file}:${i + 1}: #region snippet:${name} has no #endregion`);
    const region = regions.get(name) ?? { file, parts: [] };
    if (region.file !== file) problems.push(`${file}:${i + 1}: snippet '${name}' is also in ${region.file}; keep one snippet in one file`);
    region.parts.push(body);
    regions.set(name, region);
    i = j;
  }
}
const snippetText = name => regions.get(name).parts.map(p => p.join("\n")).join("\n\n");

const used = new Set();
const updates = [];
for (const readme of readmes) {
  const lines = fs.readFileSync(readme, "utf8").split("\n");
  const output = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = /^\s*(?:<!-- snippet: (\S+) -->|\[\/\/\]: # \(snippet: (\S+)\))\s*$/.exec(lines[i]);
    const fence = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
    if (fence && fence[2] === "csharp") {
      problems.push(`${readme}:${i + 1}: a csharp block without a <!-- snippet: NAME --> line before it; put its code in ${examples}`);
    }
    output.push(lines[i]);
    if (!marker) continue;
    const name = marker[1] ?? marker[2];
    const open = /^(\s*)```csharp\s*$/.exec(lines[i + 1] ?? "");
    if (!open) {
      problems.push(`${readme}:${i + 1}: snippet '${name}' is not followed by a \`\`\`csharp line`);
      continue;
    }
    const indent = open[1];
    let close = i + 2;
    while (close < lines.length && lines[close] !== `${indent}\`\`\``) close++;
    if (close === lines.length) {
      problems.push(`${readme}:${i + 2}: the csharp block of snippet '${name}' is never closed`);
      continue;
    }
    const shown = lines.slice(i + 2, close).map(l => l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()).join("\n");
    used.add(name);
    if (!regions.has(name)) {
      problems.push(`${readme}:${i + 1}: no '#region snippet:${name}' in ${examples}/*.cs`);
      output.push(...lines.slice(i + 1, close + 1));
    } else if (mode === "update") {
      output.push(lines[i + 1], ...snippetText(name).split("\n").map(l => l === "" ? "" : indent + l), lines[close]);
    } else {
      if (shown !== snippetText(name)) {
        problems.push(`${readme}:${i + 3}: snippet '${name}' differs from ${regions.get(name).file}; run build/check-readme-snippets.sh --update`);
      }
      output.push(...lines.slice(i + 1, close + 1));
    }
    i = close;
  }
  updates.push([readme, output.join("\n")]);
}
for (const [name, { file }] of regions) {
  if (!used.has(name)) problems.push(`${file}: snippet '${name}' is not shown in any README (add <!-- snippet: ${name} --> and a csharp block)`);
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
if (mode === "update") for (const [readme, text] of updates) fs.writeFileSync(readme, text);
console.log(`${readmes.join(", ")}: ${used.size} C# snippets ${mode === "update" ? "written from" : "match"} ${examples}`);
JS
