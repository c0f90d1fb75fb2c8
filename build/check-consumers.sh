#!/usr/bin/env bash
# Packs the solution into a scratch feed and proves the packages from there, as users get them: contents, then each consumer restoring only from that feed.
set -euo pipefail
source "$(dirname "$0")/common.sh"

feed=$scratch/feed
# A packages folder of its own, so a RestoreSdk of the same version restored earlier can never stand in for the one just packed.
export NUGET_PACKAGES=$scratch/packages
results=()
status=0
run() { # <name> <command...>: runs one consumer, records and times it, and goes on to the next
  local name=$1 started=$SECONDS
  shift
  section "$name"
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - started)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - started)) s)")
    status=1
  fi
}

section "dotnet pack RestoreSdk.sln -c Release -o $feed"
quietly "dotnet pack" dotnet pack RestoreSdk.sln -c Release -o "$feed" -nologo
version=$(dotnet msbuild src/RestoreSdk/RestoreSdk.csproj -getProperty:Version -nologo)

# RestoreSdk* only from the feed; everything else (their dependencies, test tools) from nuget.org.
cat >"$scratch/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="packed">
      <package pattern="RestoreSdk" />
      <package pattern="RestoreSdk.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML
restore_props=(-p:RestoreConfigFile="$scratch/nuget.config" -p:RestoreSdkPackageVersion="$version" -nologo)

# The shipped packages: RestoreSdk, RestoreSdk.Testing (libraries, with symbols), the tool RestoreSdk.Tool and the PowerShell module RestoreSdk.PowerShell; nothing else.
packages_are_exactly_the_shipped_ones() {
  local expected=(
    "RestoreSdk.$version.nupkg" "RestoreSdk.$version.snupkg"
    "RestoreSdk.Testing.$version.nupkg" "RestoreSdk.Testing.$version.snupkg"
    "RestoreSdk.Tool.$version.nupkg"
    "RestoreSdk.PowerShell.$version.nupkg"
  ) actual package listing nuspec problems=0
  actual=$(cd "$feed" && ls | sort)
  if [[ $actual != "$(printf '%s\n' "${expected[@]}" | sort)" ]]; then
    echo "packed:"; echo "$actual"; echo "expected exactly:"; printf '%s\n' "${expected[@]}" | sort
    return 1
  fi
  for package in "$feed"/*.nupkg "$feed"/*.snupkg; do
    echo "--- ${package##*/}"
    listing=$(unzip -Z1 "$package")
    sed 's/^/  /' <<<"$listing"
    [[ $package == *.nupkg ]] || continue
    nuspec=$(unzip -p "$package" '*.nuspec')
    for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<tags>' '<description>' '<repository type="git"'; do
      grep -qF "$field" <<<"$nuspec" || { echo "  ${package##*/}: nuspec lacks $field"; problems=1; }
    done
    grep -qx README.md <<<"$listing" || { echo "  ${package##*/}: no README.md"; problems=1; }
  done
  return "$problems"
}

net472_under_mono() {
  if ! command -v mono >/dev/null || [[ ! -e /usr/lib/mono/4.5/Facades/netstandard.dll ]]; then
    echo "installing mono-devel (mono-runtime alone lacks the netstandard facade)"
    quietly "apt-get update" apt-get update -qq
    quietly "apt-get install mono-devel" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mono-devel
  fi
  local out=$scratch/net472
  quietly "building the net472 consumer" dotnet build build/consumers/Net472Consumer -c Release -o "$out" "${restore_props[@]}"
  mono --version | head -n 1
  mono "$out/Net472Consumer.exe"
}

# docs/examples, built against the packages instead of the source: the README's snippets run against GitHubSimulator.
net10_examples() {
  local out=$scratch/examples
  quietly "building docs/examples from the packages" dotnet build docs/examples -c Release -o "$out" "${restore_props[@]}"
  dotnet "$out/RestoreSdk.Examples.dll"
}

pwsh_tool() { # installs PowerShell 7.6.9 into the scratch folder once
  [[ -x $scratch/powershell/pwsh ]] || quietly "installing PowerShell 7.6.9" dotnet tool install PowerShell --version 7.6.9 --tool-path "$scratch/powershell"
}

# PowerShell 7.6.9 (on .NET 10) loads the net10.0 assemblies gathered by dotnet publish, as a script author would.
powershell_7() {
  local tools=$scratch/powershell lib=$scratch/powershell-lib
  pwsh_tool
  quietly "gathering the packages for PowerShell" dotnet publish build/consumers/PowerShell -c Release -o "$lib" "${restore_props[@]}"
  "$tools/pwsh" -NoProfile -NonInteractive -File build/consumers/PowerShell/consumer.ps1 -LibraryPath "$lib"
}

# The module as an ops engineer gets it: PSResourceGet installs it from the packed folder (a home of its own, so nothing lands in the user's), then the simulator and -WhatIf.
powershell_module() {
  local home=$scratch/pwsh-home
  pwsh_tool
  mkdir -p "$home/.local/share"
  env -u PSModulePath HOME="$home" XDG_DATA_HOME="$home/.local/share" "$scratch/powershell/pwsh" -NoProfile -NonInteractive -Command "
    \$ErrorActionPreference = 'Stop'
    Register-PSResourceRepository -Name packed -Uri '$feed' -Trusted
    Install-PSResource RestoreSdk.PowerShell -Repository packed -Version '$version'
    Import-Module RestoreSdk.PowerShell
    \$csv = Join-Path '$scratch' deleted.csv
    Set-Content \$csv 'org,type,name', ',npm,left-pad', 'acme,container,acme/web'
    \$results = @(Import-Csv \$csv | Restore-GitHubPackage -Simulate)
    \$results | Format-Table | Out-String | Write-Output
    Import-Csv \$csv | Restore-GitHubPackage -WhatIf
    if (\$results.Count -ne 2 -or @(\$results | Where-Object Outcome -ne 'Restored').Count -ne 0) { throw 'expected both packages restored' }
    'PowerShell module: installed from the packed folder, restored on the simulator'
  "
}

run "packages: exactly the shipped ones" packages_are_exactly_the_shipped_ones
run "RestoreSdk.Tool installed from the packed folder" build/check-tool-install.sh "$feed" "$scratch/nuget.config"
run "net10.0 app running the README examples on the simulator" net10_examples
run "net472 app under Mono (netstandard2.0 build)" net472_under_mono
run "PowerShell 7.6.9 script" powershell_7
run "PowerShell module installed with PSResourceGet" powershell_module

echo
echo "=== consumers of the packages in $feed (version $version)"
printf '%s\n' "${results[@]}"
exit "$status"
