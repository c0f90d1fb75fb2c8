#!/usr/bin/env bash
# Proves the tool installs as a user would: packs RestoreSdk.Tool (or takes the given packed folder), installs it into a temporary tool path from that folder, runs restore-package.
set -euo pipefail
source "$(dirname "$0")/common.sh"

version=$(dotnet msbuild src/RestoreSdk.Cli/RestoreSdk.Cli.csproj -getProperty:Version)
library_version=$(dotnet msbuild src/RestoreSdk/RestoreSdk.csproj -getProperty:Version)
[[ $version == "$library_version" ]] || die 1 "the tool's version $version differs from the library's $library_version"

# build/check-consumers.sh passes the folder it packed the solution into and a nuget.config that takes RestoreSdk.* only from there.
if (($# == 2)); then
  feed=$1
  source_options=(--configfile "$2")
else
  (($# == 0)) || die 2 "usage: build/check-tool-install.sh [<packed folder> <nuget.config>]"
  feed=$scratch/pack
  dotnet pack src/RestoreSdk.Cli -c Release -o "$feed" -nologo -v q
  source_options=(--add-source "$feed")
fi
ls "$feed"
[[ -f $feed/RestoreSdk.Tool.$version.nupkg ]] || die 1 "dotnet pack wrote no RestoreSdk.Tool.$version.nupkg"

dotnet tool install --tool-path "$scratch/tools" "${source_options[@]}" RestoreSdk.Tool --version "$version"
"$scratch/tools/restore-package" --help | grep -q -- "--journal" || die 1 "restore-package --help lacks --journal"

set +e
"$scratch/tools/restore-package" --simulate >"$scratch/demo.txt" 2>&1
code=$?
set -e
cat "$scratch/demo.txt"
build/check-demo-output.sh "$code" "$scratch/demo.txt"
