#!/usr/bin/env bash
# Mutation testing of the RestoreSdk library with Stryker.NET (pinned in .config/dotnet-tools.json): runs it, then prints the score overall and per folder.
set -euo pipefail
source "$(dirname "$0")/common.sh"

usage="usage: build/mutation-test.sh [--survivors] [--report <mutation-report.json>] [stryker options, e.g. --mutate '**/Bulk/*.cs' --concurrency 1]"
survivors=false
report=
stryker_args=()
while (($#)); do
  case $1 in
    --survivors) survivors=true; shift ;;
    --report)
      (($# >= 2)) || die 2 "$usage"
      report=$(abspath "$2")
      shift 2
      ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) stryker_args+=("$1"); shift ;;
  esac
done

quietly "dotnet tool restore" dotnet tool restore

if [[ -z $report ]]; then
  # Reports go to artifacts/ (ignored by git), one folder per run.
  output=$PWD/artifacts/mutation/$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$output"
  started=$SECONDS
  (cd tests/RestoreSdk.Tests && dotnet tool run dotnet-stryker --config-file ../../build/stryker-config.json --output "$output" --skip-version-check "${stryker_args[@]}")
  echo "Stryker took $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s; reports in $output/reports"
  report=$output/reports/mutation-report.json
fi
[[ -f $report ]] || die 2 "no JSON report at $report"

# Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it; compile errors and ignored mutants do not count.
cat >"$scratch/summary.ps1" <<'PS'
$ErrorActionPreference = 'Stop'
$report = Get-Content -Raw -LiteralPath $args[0] | ConvertFrom-Json
$rows = foreach ($file in $report.files.PSObject.Properties) {
    $path = $file.Name -replace '\\', '/'
    $relative = if ($path -match '(^|/)src/RestoreSdk/(.+)$') { $Matches[2] } else { $path }
    $folder = if ($relative.Contains('/')) { $relative.Split('/')[0] } else { '(root)' }
    foreach ($mutant in $file.Value.mutants) {
        [pscustomobject]@{ Folder = $folder; File = $relative; Line = $mutant.location.start.line; Status = $mutant.status; Mutator = $mutant.mutatorName; Replacement = $mutant.replacement }
    }
}
function Count($mutants, $status) { @($mutants | Where-Object Status -eq $status).Count }
function Line($name, $mutants) {
    $killed = Count $mutants 'Killed'; $timeout = Count $mutants 'Timeout'; $survived = Count $mutants 'Survived'; $noCoverage = Count $mutants 'NoCoverage'
    $valid = $killed + $timeout + $survived + $noCoverage
    $score = if ($valid -eq 0) { 'n/a' } else { '{0,5:N1}%' -f (100 * ($killed + $timeout) / $valid) }
    '{0,-12} {1,7} {2,7} {3,8} {4,8} {5,11} {6,13} {7,8}' -f $name, $score, $killed, $timeout, $survived, $noCoverage, (Count $mutants 'CompileError'), (Count $mutants 'Ignored')
}
'{0,-12} {1,7} {2,7} {3,8} {4,8} {5,11} {6,13} {7,8}' -f 'folder', 'score', 'killed', 'timeout', 'survived', 'no-coverage', 'compile-error', 'ignored'
foreach ($group in $rows | Group-Object Folder | Sort-Object Name) { Line $group.Name $group.Group }
Line 'total' $rows
if ($env:show_survivors -eq 'true') {
    ''
    foreach ($mutant in $rows | Where-Object { $_.Status -in 'Survived', 'NoCoverage' } | Sort-Object File, Line) {
        '{0}:{1} {2} [{3}] {4}' -f $mutant.File, $mutant.Line, $mutant.Status, $mutant.Mutator, ($mutant.Replacement -replace '\s+', ' ')
    }
}
PS
show_survivors=$survivors dotnet tool run pwsh -NoLogo -NoProfile -NonInteractive -File "$scratch/summary.ps1" "$report"
