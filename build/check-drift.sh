#!/usr/bin/env bash
# CI drift check: compares the committed trimmed spec with the pinned upstream descriptions (or, with --latest, the newest release) and fails on drift.
set -euo pipefail
source "$(dirname "$0")/common.sh"

usage="usage: build/check-drift.sh [--upstream-dir <dir> | --latest]  (env RESTORE_SDK_UPSTREAM_DIR sets the dir too)"
upstream_dir=${RESTORE_SDK_UPSTREAM_DIR:+$(abspath "$RESTORE_SDK_UPSTREAM_DIR")}
latest=false
while (($#)); do
  case $1 in
    --upstream-dir)
      (($# >= 2)) || die 2 "$usage"
      upstream_dir=$(abspath "$2")
      shift 2
      ;;
    --latest) latest=true; shift ;;
    *) die 2 "$usage" ;;
  esac
done
[[ $latest == false || -z $upstream_dir ]] || die 2 "--latest always fetches the newest release: drop --upstream-dir (or RESTORE_SDK_UPSTREAM_DIR)"

if $latest; then
  fetched=$(build/fetch-upstream.sh latest "$scratch/latest")
  echo "comparing with the newest release, $PACKAGE@$fetched (the lock pins $(lock_field version));" \
    "sha256 verification does not apply to it"
  upstream_dir=$scratch/latest
  origin="$PACKAGE@$fetched (latest, fetched with npm)"
  source_name=${PACKAGE_SOURCE##*/}
  targets=("$upstream_dir"/*.json)
else
  package=$(lock_field package)
  version=$(lock_field version)
  [[ $package == "$PACKAGE" ]] || die 2 "$LOCK records '$package', not a $PACKAGE release, so there is no pinned upstream" \
    "to compare with; pin one with build/update-spec.sh --version <x.y.z>"
  upstream_dir=${upstream_dir:-$(dirname "$PWD")/shared/upstream/octokit-openapi-$version}
  origin="$PACKAGE@$version in $upstream_dir"
  if [[ ! -d $upstream_dir ]]; then
    echo "$upstream_dir not found: fetching the pinned $PACKAGE@$version instead"
    build/fetch-upstream.sh "$version" "$scratch/pinned" >/dev/null
    upstream_dir=$scratch/pinned
    origin="$PACKAGE@$version (fetched with npm)"
  fi
  source_name=$(lock_field source)
  source_name=${source_name##*/}
  pinned=$(lock_field files)
  targets=()
  while read -r name expected; do
    file=$upstream_dir/$name
    [[ -f $file ]] || die 2 "$file is missing: $LOCK pins it as part of $PACKAGE@$version"
    actual=$(sha256 "$file")
    [[ $actual == "$expected" ]] || die 2 "$file has sha256 $actual but $LOCK pins $expected:" \
      "it is not the $PACKAGE@$version file, so the check cannot trust it"
    targets+=("$file")
  done <<<"$pinned"
  echo "verified sha256 of ${#targets[@]} pinned $PACKAGE@$version files in $upstream_dir"
fi
[[ " ${targets[*]##*/} " == *" $source_name "* ]] || die 2 "no $source_name (the spec's source) among the files to compare in $upstream_dir"

build_gen
# The source must match in every class; the other products' documentation legitimately differs, so only their contract counts.
results=()
status=0
for file in "${targets[@]}"; do
  name=${file##*/}
  fail_on=additive
  [[ $name == "$source_name" ]] && fail_on=documentation
  section "$name (fails on $fail_on or worse)"
  code=0
  gen check --upstream "$file" --spec "$SPEC" --fail-on "$fail_on" || code=$?
  case $code in
    0) results+=("PASS  $name") ;;
    1) results+=("FAIL  $name: drift at or above $fail_on"); [[ $status == 2 ]] || status=1 ;;
    *) results+=("FAIL  $name: could not be checked (exit $code)"); status=2 ;;
  esac
done

echo
echo "=== drift check against $origin"
printf '%s\n' "${results[@]}"
exit "$status"
