# Sourced by the build/ scripts: moves to the repository root; holds the upstream package name and layout, lock reading and the restore-sdk-gen runner.
# shellcheck shell=bash

invoked_from=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PACKAGE=@octokit/openapi
PACKAGE_SOURCE=package/generated/api.github.com.json
LOCK=openapi/upstream.lock.json
SPEC=openapi/github-packages-restore.json
# What the lock records as its package when the spec was trimmed from a file that is not a package release.
LOCAL_FILE="(local file)"
GEN_DLL=generator/RestoreSdk.Generator/bin/Debug/net10.0/restore-sdk-gen.dll

# One scratch directory per script run, removed on exit.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

die() {
  local code=$1
  shift
  echo "error: $*" >&2
  exit "$code"
}

# Paths given on the command line are relative to where the script was called from; ".." is resolved where possible.
abspath() {
  local path=$1
  [[ $path == /* ]] || path=$invoked_from/$path
  [[ ! -d ${path%/*} ]] || path=$(cd "${path%/*}" && pwd)/${path##*/}
  echo "$path"
}

sha256() {
  sha256sum "$1" | cut -d' ' -f1
}

# Prints a field of the upstream lock; for "files", one "<name> <sha256>" line per file.
lock_field() {
  command -v node >/dev/null || die 2 "node is needed to read $LOCK"
  node -e '
    const lock = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const value = lock[process.argv[2]];
    if (value === undefined) { console.error(`${process.argv[1]} has no "${process.argv[2]}"`); process.exit(1); }
    console.log(typeof value === "object" ? Object.entries(value).map(([k, v]) => `${k} ${v}`).join("\n") : value);
  ' "$LOCK" "$1" || die 2 "cannot read \"$1\" from $LOCK"
}

# Finds the pinned upstream release (upstream.lock.json) and checks each file's sha256 against the lock: in <dir> if given,
# else in ../shared/upstream beside the clone, else fetched with npm into the scratch directory.
# Sets upstream_dir, upstream_origin and pinned_files (the paths of the pinned files).
resolve_pinned_upstream() {
  local dir=$1 package version pinned name expected file actual
  package=$(lock_field package)
  version=$(lock_field version)
  [[ $package == "$PACKAGE" ]] || die 2 "$LOCK records '$package', not a $PACKAGE release, so there is no pinned upstream" \
    "to compare with; pin one with build/update-spec.sh --version <x.y.z>"
  dir=${dir:-$(dirname "$PWD")/shared/upstream/octokit-openapi-$version}
  upstream_origin="$PACKAGE@$version in $dir"
  if [[ ! -d $dir ]]; then
    echo "$dir not found: fetching the pinned $PACKAGE@$version instead"
    build/fetch-upstream.sh "$version" "$scratch/pinned" >/dev/null
    dir=$scratch/pinned
    upstream_origin="$PACKAGE@$version (fetched with npm)"
  fi
  pinned=$(lock_field files)
  pinned_files=()
  while read -r name expected; do
    file=$dir/$name
    [[ -f $file ]] || die 2 "$file is missing: $LOCK pins it as part of $PACKAGE@$version"
    actual=$(sha256 "$file")
    [[ $actual == "$expected" ]] || die 2 "$file has sha256 $actual but $LOCK pins $expected:" \
      "it is not the $PACKAGE@$version file, so the check cannot trust it"
    pinned_files+=("$file")
  done <<<"$pinned"
  echo "verified sha256 of ${#pinned_files[@]} pinned $PACKAGE@$version files in $dir"
  upstream_dir=$dir
}

section() {
  echo
  echo "::: $*"
}

# Runs a command silently, showing its output only if it fails, and then stops.
quietly() {
  local what=$1 out
  shift
  out=$("$@" 2>&1) || { echo "$out" >&2; die 2 "$what failed"; }
}

build_gen() {
  quietly "building restore-sdk-gen" dotnet build generator/RestoreSdk.Generator -nologo -v q
}

gen() {
  dotnet "$GEN_DLL" "$@"
}
