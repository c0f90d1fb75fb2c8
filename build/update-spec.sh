#!/usr/bin/env bash
# One-command spec update: re-trims an upstream description into openapi/, updates the lock, rebuilds, runs the tests and shows what changed.
set -euo pipefail
source "$(dirname "$0")/common.sh"

usage="usage: build/update-spec.sh --upstream <file> | --version <x.y.z|latest>"
(($# == 2)) || die 2 "$usage"
case $1 in
  --upstream)
    upstream=$(abspath "$2")
    [[ -f $upstream ]] || die 2 "$upstream: file not found"
    label=$upstream
    ;;
  --version)
    release_dir=$scratch/release
    version=$(build/fetch-upstream.sh "$2" "$release_dir")
    upstream=$release_dir/${PACKAGE_SOURCE##*/}
    label="$PACKAGE@$version $PACKAGE_SOURCE"
    ;;
  *) die 2 "$usage" ;;
esac
generated=src/RestoreSdk/obj/Debug/net10.0/RestoreOperations.g.cs

locked_source_sha256() {
  local source
  source=$(lock_field source)
  lock_field files | awk -v name="${source##*/}" '$1 == name { print $2 }'
}

build_gen
section "drift of $label from the current spec"
gen check --upstream "$upstream" --spec "$SPEC" --fail-on breaking || (($? == 1)) || die 2 "$upstream cannot be used"

# The generated client as the current spec makes it, to diff against after the rebuild.
quietly "building the current client" dotnet build src/RestoreSdk/RestoreSdk.csproj -f net10.0 -nologo -v q
cp "$generated" "$scratch/before.g.cs"

gen trim --upstream "$upstream" --output "$scratch/trimmed.json" || die 2 "trimming $upstream failed"
spec_result="already what $label trims to"
if ! cmp -s "$scratch/trimmed.json" "$SPEC"; then
  cp "$scratch/trimmed.json" "$SPEC"
  spec_result="rewritten from $label"
fi

if [[ -n ${version:-} ]]; then
  gen lock --package "$PACKAGE" --version "$version" --source "$PACKAGE_SOURCE" --upstream-dir "$release_dir" --output "$LOCK"
  lock_result="$PACKAGE@$version"
elif [[ $(lock_field package) == "$PACKAGE" && $(sha256 "$upstream") == "$(locked_source_sha256)" ]]; then
  lock_result="unchanged: $upstream is the locked $PACKAGE@$(lock_field version) source"
else
  # Not a package release: the lock says so and records only this file, so check-drift.sh refuses it until a release is pinned.
  mkdir "$scratch/local"
  ln -s "$upstream" "$scratch/local/${upstream##*/}"
  gen lock --package "$LOCAL_FILE" --version "(none)" --source "$upstream" --upstream-dir "$scratch/local" --output "$LOCK"
  lock_result="$upstream recorded as a local file, not a package release"
fi

section "spec and lock against the last commit (git diff -- openapi)"
git --no-pager diff --stat -- openapi
git --no-pager diff --exit-code -- openapi && echo "no change"

section "rebuilding (NSwag regenerates the client when the spec changed)"
build_result="ok"
dotnet build RestoreSdk.sln -nologo -v minimal || build_result="FAILED"

section "generated client before and after ($generated)"
diff -u --label "before" --label "after" "$scratch/before.g.cs" "$generated" && echo "no change"

# A failing test is reported, not fatal: the package_type test names the enum members to add.
section "tests (dotnet test RestoreSdk.sln)"
test_result="skipped: the build failed"
if [[ $build_result == ok ]]; then
  test_result="passed"
  dotnet test RestoreSdk.sln --no-build 2>&1 | tee "$scratch/tests.log" || test_result="FAILED"
fi

section "public API listing against the last commit (git diff -- src/RestoreSdk/PublicAPI.*.txt)"
git --no-pager diff --exit-code -- 'src/RestoreSdk/PublicAPI.*.txt' && echo "no change"

to_add=$(grep -oE 'add (User|Org)PackageType\.[A-Za-z0-9_]+' "$scratch/tests.log" 2>/dev/null | cut -d' ' -f2 | sort -u | paste -sd' ' || true)
echo
echo "=== spec update from $label"
echo "spec:  $spec_result"
echo "lock:  $lock_result"
echo "build: $build_result"
echo "tests: $test_result"
if [[ -n $to_add ]]; then
  echo "to do: add $to_add, as the tests ask (see docs/updating-the-spec.md)"
fi
[[ $build_result == ok && $test_result == passed ]]
