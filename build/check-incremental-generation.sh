#!/usr/bin/env bash
# Proves the NSwag step is incremental: a no-op build skips it, and touching the spec regenerates.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/RestoreSdk/RestoreSdk.csproj
marker='RestoreSdk: generating'

dotnet build "$project" -nologo -v minimal >/dev/null
if dotnet build "$project" -nologo -v minimal | grep -q "$marker"; then
  echo "FAIL: a no-op build ran NSwag again" >&2
  exit 1
fi
touch openapi/github-packages-restore.json
if ! dotnet build "$project" -nologo -v minimal | grep -q "$marker"; then
  echo "FAIL: touching the spec did not regenerate the client" >&2
  exit 1
fi
echo "incremental generation: no-op build skipped NSwag; touching the spec regenerated"
