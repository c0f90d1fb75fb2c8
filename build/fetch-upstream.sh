#!/usr/bin/env bash
# Fetches an @octokit/openapi release with npm and unpacks its descriptions (package/generated/*.json, not the .deref ones) into a directory; prints the version fetched.
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 2 ]] || die 2 "usage: build/fetch-upstream.sh <version|latest> <dest dir>"
wanted=$1
dest=$(abspath "$2")
command -v npm >/dev/null || die 2 "cannot fetch $PACKAGE@$wanted: npm is not installed"

echo "fetching $PACKAGE@$wanted with npm pack" >&2
manifest=$(cd "$scratch" && npm pack "$PACKAGE@$wanted" --json) \
  || die 2 "cannot fetch $PACKAGE@$wanted: npm pack failed (is the npm registry reachable?)"

# npm's manifest names the tarball, the version it resolved and the files inside.
listing=$(node -e '
  const [pack] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(pack.version);
  console.log(pack.filename);
  for (const { path } of pack.files) {
    if (/^generated\/[^/]+\.json$/.test(path) && !path.endsWith(".deref.json")) console.log(`package/${path}`);
  }
' <<<"$manifest")
mapfile -t entries <<<"$listing"
version=${entries[0]}
tarball=${entries[1]}
descriptions=("${entries[@]:2}")
[[ " ${descriptions[*]} " == *" $PACKAGE_SOURCE "* ]] || die 2 "$PACKAGE@$version has no $PACKAGE_SOURCE"

tar -xzf "$scratch/$tarball" -C "$scratch" "${descriptions[@]}"
mkdir -p "$dest"
mv "${descriptions[@]/#/$scratch/}" "$dest/"
echo "unpacked $PACKAGE@$version: ${descriptions[*]##*/} into $dest" >&2
echo "$version"
