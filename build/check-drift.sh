#!/usr/bin/env bash
# CI drift check: compares the committed trimmed spec with the pinned upstream descriptions (or, with --latest, the newest release) and fails on drift; pinned, it also re-trims the source and checks an older real release.
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
  version=$(lock_field version)
  resolve_pinned_upstream "$upstream_dir"
  origin=$upstream_origin
  source_name=$(lock_field source)
  source_name=${source_name##*/}
  targets=("${pinned_files[@]}")
fi
[[ " ${targets[*]##*/} " == *" $source_name "* ]] || die 2 "no $source_name (the spec's source) among the files to compare in $upstream_dir"

build_gen
results=()
status=0
record() { # <exit code of a check> <name> <what failed>
  case $1 in
    0) results+=("PASS  $2") ;;
    1) results+=("FAIL  $2: $3"); [[ $status == 2 ]] || status=1 ;;
    *) results+=("FAIL  $2: could not be checked (exit $1)"); status=2 ;;
  esac
}

if ! $latest; then
  # The committed spec must be byte for byte what trimming the pinned source produces.
  section "trim of the pinned $source_name reproduces $SPEC"
  code=0
  gen trim --upstream "$upstream_dir/$source_name" --output "$scratch/trimmed.json" || code=2
  ((code != 0)) || cmp "$scratch/trimmed.json" "$SPEC" || code=1
  record "$code" "trim of $source_name" "$SPEC is stale: regenerate it with build/update-spec.sh --version $version"

  # An older real release whose restore operations differ only in their descriptions: the checker must call that
  # documentation drift on real data, naming exactly the two operation descriptions.
  older_version=16.0.0
  older_sha256=1fa4bfc35e9f9ee607517e2b16f7e512a310d892cdd6b2bd9ea21d6b13ac1bc1
  older_dir=$(dirname "$PWD")/shared/upstream/octokit-openapi-$older_version
  section "$PACKAGE@$older_version drifts only in the two operation descriptions"
  if [[ ! -f $older_dir/$source_name ]]; then
    older_dir=$scratch/older
    build/fetch-upstream.sh "$older_version" "$older_dir" >/dev/null
  fi
  older=$older_dir/$source_name
  [[ $(sha256 "$older") == "$older_sha256" ]] || die 2 "$older is not the $PACKAGE@$older_version file (sha256 differs)"
  code=0
  gen check --upstream "$older" --spec "$SPEC" --format json >"$scratch/older.json" || code=$?
  if ((code == 1)); then
    code=0
    node -e '
      const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const pointers = report.differences.map(d => `${d.class} ${d.pointer}`).sort();
      const expected = ["user", "orgs/{org}"]
        .map(owner => `documentation /paths/~1${owner.replace("/", "~1")}~1packages~1{package_type}~1{package_name}~1restore/post/description`)
        .sort();
      if (JSON.stringify(pointers) !== JSON.stringify(expected)) {
        console.error(`expected ${expected.join(", ")}; got ${pointers.join(", ")}`);
        process.exit(1);
      }
      console.log(`as expected: ${pointers.join(", ")}`);
    ' "$scratch/older.json" || code=1
  elif ((code == 0)); then
    echo "restore-sdk-gen check found no drift, but the descriptions differ"
    code=1
  fi
  record "$code" "$PACKAGE@$older_version" "the checker did not report exactly the two description changes"
fi

# The source must match in every class; the other products' documentation legitimately differs, so only their contract counts.
for file in "${targets[@]}"; do
  name=${file##*/}
  fail_on=additive
  [[ $name == "$source_name" ]] && fail_on=documentation
  section "$name (fails on $fail_on or worse)"
  code=0
  gen check --upstream "$file" --spec "$SPEC" --fail-on "$fail_on" || code=$?
  record "$code" "$name" "drift at or above $fail_on"
done

echo
echo "=== drift check against $origin"
printf '%s\n' "${results[@]}"
exit "$status"
