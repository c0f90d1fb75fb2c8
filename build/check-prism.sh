#!/usr/bin/env bash
# CI check against upstream's contract: Prism mocks the full pinned GitHub description, the SDK and the tool send every awkward restore to it, and any request Prism rejects fails the check.
set -euo pipefail
source "$(dirname "$0")/common.sh"

[[ $# -eq 0 ]] || die 2 "usage: build/check-prism.sh  (env RESTORE_SDK_UPSTREAM_DIR: the pinned release's directory, default ../shared/upstream/...)"
command -v npm >/dev/null || die 2 "npm is needed to install Prism (build/prism/package-lock.json)"

prism_dir=build/prism
probe_dll=$prism_dir/PrismProbe/bin/Debug/net10.0/PrismProbe.dll
tool_dll=src/RestoreSdk.Cli/bin/Debug/net10.0/restore-package.dll
# Dummy credentials: Prism checks none, and nothing prints them.
dummy_token=ghp_prismProbeDummyToken0000000000000000
tool_package_token='pkg&tok=en#%+/?'

section "pinned description"
resolve_pinned_upstream "${RESTORE_SDK_UPSTREAM_DIR:+$(abspath "$RESTORE_SDK_UPSTREAM_DIR")}"
source_name=$(lock_field source)
description=$upstream_dir/${source_name##*/}

section "Prism from $prism_dir/package-lock.json"
# node_modules (gitignored) is reinstalled whenever the lock changes. No install scripts: Prism needs none, and its
# @scarf/scarf dependency's would report the install to an analytics service.
stamp=$prism_dir/node_modules/.package-lock.sha256
if [[ ! -f $stamp || $(cat "$stamp") != "$(sha256 "$prism_dir/package-lock.json")" ]]; then
  # Prism 5.16.0 declares node >= 24.18 but runs on the machine's Node.js 20: npm only warns (EBADENGINE).
  quietly "npm ci in $prism_dir" env SCARF_ANALYTICS=false npm ci --prefix "$prism_dir" --ignore-scripts --no-audit --no-fund
  sha256 "$prism_dir/package-lock.json" >"$stamp"
fi
prism=$prism_dir/node_modules/.bin/prism
echo "Prism $("$prism" --version) on Node.js $(node --version)"

# A free port on loopback, then Prism on it (only on 127.0.0.1), stopped on any exit.
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
base_url=http://127.0.0.1:$port
prism_log=$scratch/prism.log
prism_pid=
watcher_pid=
stop_prism() {
  local pid
  for pid in $watcher_pid $prism_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$scratch"
}
trap stop_prism EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# --errors: a request that breaks the description gets Prism's 4xx instead of a mocked answer with an sl-violations header.
: >"$prism_log"
started_ns=$(date +%s%N)
"$prism" mock --host 127.0.0.1 --port "$port" --errors "$description" >"$prism_log" 2>&1 &
prism_pid=$!
# Notes the moment Prism listens; it reads the 13 MB description while the probe and the tool build.
(
  until grep -q "Prism is listening on $base_url" "$prism_log"; do sleep 0.1; done
  date +%s%N >"$scratch/listening"
) &
watcher_pid=$!

section "building the probe and the tool"
quietly "building $prism_dir/PrismProbe" dotnet build "$prism_dir/PrismProbe" -nologo -v q
quietly "building src/RestoreSdk.Cli" dotnet build src/RestoreSdk.Cli -nologo -v q

section "waiting for Prism on $base_url"
until [[ -s $scratch/listening ]]; do
  if ! kill -0 "$prism_pid" 2>/dev/null; then
    tail -20 "$prism_log" >&2
    die 2 "Prism stopped before listening"
  fi
  (($(date +%s%N) - started_ns < 180000000000)) || die 2 "Prism did not listen within 180 s"
  sleep 0.1
done
startup_ms=$((($(cat "$scratch/listening") - started_ns) / 1000000))
startup="$((startup_ms / 1000)).$(printf '%03d' $((startup_ms % 1000))) s"
echo "Prism listening $startup after it started"

section "the SDK: every route x package type x awkward name, with and without a package token"
probe_code=0
dotnet "$probe_dll" "$base_url/" "$scratch/tool.csv" | tee "$scratch/probe.out" || probe_code=$?
probe_field() { sed -n "s/^$1: //p" "$scratch/probe.out"; }
probe_requests=$(probe_field prism-requests)
probe_rejections=$(probe_field prism-rejections)
tool_rows=$(probe_field tool-rows)
[[ -n $probe_requests && -n $probe_rejections && -n $tool_rows ]] || die 2 "the probe did not finish (exit $probe_code)"

section "the tool: each awkward name once, over both routes and every type, with a package token (paced 1 s apart)"
tool_code=0
tool_log_start=$(wc -l <"$prism_log")
GH_TOKEN=$dummy_token PRISM_PACKAGE_TOKEN=$tool_package_token dotnet "$tool_dll" --base-url "$base_url/" \
  --from "$scratch/tool.csv" --output json --package-token-env PRISM_PACKAGE_TOKEN >"$scratch/tool.jsonl" 2>"$scratch/tool.err" || tool_code=$?
tool_counts=$(node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(l => l !== "");
  let accepted = 0;
  for (const line of lines) {
    const report = JSON.parse(line);
    if (report.outcome === "restored" && report.status === 204) accepted++;
    else console.error(`Prism rejected the tool restoring ${report.type} ${JSON.stringify(report.name)}: ${report.status} ${report.message}`);
  }
  console.log(`${lines.length} ${accepted}`);
' "$scratch/tool.jsonl")
read -r tool_sent tool_accepted <<<"$tool_counts"
echo "restore-package exited $tool_code: $tool_sent packages reported, $tool_accepted restored"
if ((tool_code != 0 || tool_accepted != tool_sent)); then
  tail -5 "$scratch/tool.err"
  # The tool reports only the status; Prism's log says why it refused.
  echo "Prism's errors while the tool ran:"
  tail -n +$((tool_log_start + 1)) "$prism_log" | grep "✖" || true
fi

# Prism's own log must agree: every request arrived, and it refused exactly the ones counted as rejected.
received=$(grep -c "Request received" "$prism_log" || true)
refused=$(grep -c "Request terminated with error" "$prism_log" || true)
expected_received=$((probe_requests + tool_sent))
expected_refused=$((probe_rejections + tool_sent - tool_accepted))

status=0
section "Prism validates every request against $upstream_origin"
printf '%-38s %6s %9s %9s\n' "" sent accepted rejected
printf '%-38s %6s %9s %9s\n' "SDK (PackagesClient)" "$(probe_field sdk | awk '{print $1}')" \
  "$(probe_field sdk | awk '{print $4}')" "$(probe_field sdk | awk '{print $6}')"
printf '%-38s %6s %9s %9s\n' "tool (restore-package)" "$tool_sent" "$tool_accepted" "$((tool_sent - tool_accepted))"
printf '%-38s %6s %9s %9s\n' "negative controls (must be rejected)" "$(probe_field controls | awk '{print $1}')" \
  "-" "$(probe_field controls | awk '{print $5}')"
echo "Prism's log: $received requests received (expected $expected_received), $refused refused (expected $expected_refused)"
echo "Prism's startup on the full description: $startup (while the probe and the tool built)"
((probe_code == 0)) || { echo "FAIL the SDK's requests (see FAIL lines above)"; status=1; }
((tool_code == 0 && tool_sent == tool_rows && tool_accepted == tool_rows)) \
  || { echo "FAIL the tool: exit $tool_code, $tool_accepted of $tool_rows packages restored"; status=1; }
((received == expected_received && refused == expected_refused)) \
  || { echo "FAIL Prism's log disagrees with the counts above; its errors:"; grep "✖" "$prism_log" | tail -40; status=1; }
exit "$status"
