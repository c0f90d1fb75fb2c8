#!/usr/bin/env bash
# Proves the tool installs as a user would: packs RestoreSdk.Tool, installs it into a temporary tool path from that folder only, runs restore-package.
set -euo pipefail
source "$(dirname "$0")/common.sh"

version=$(dotnet msbuild src/RestoreSdk.Cli/RestoreSdk.Cli.csproj -getProperty:Version)
library_version=$(dotnet msbuild src/RestoreSdk/RestoreSdk.csproj -getProperty:Version)
[[ $version == "$library_version" ]] || die 1 "the tool's version $version differs from the library's $library_version"

dotnet pack src/RestoreSdk.Cli -c Release -o "$scratch/pack" -nologo -v q
ls "$scratch/pack"
[[ -f $scratch/pack/RestoreSdk.Tool.$version.nupkg ]] || die 1 "dotnet pack wrote no RestoreSdk.Tool.$version.nupkg"

dotnet tool install --tool-path "$scratch/tools" --add-source "$scratch/pack" RestoreSdk.Tool --version "$version"
"$scratch/tools/restore-package" --help | grep -q -- "--journal" || die 1 "restore-package --help lacks --journal"

set +e
"$scratch/tools/restore-package" --simulate >"$scratch/demo.txt" 2>&1
code=$?
set -e
cat "$scratch/demo.txt"
build/check-demo-output.sh "$code" "$scratch/demo.txt"
