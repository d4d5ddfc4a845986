#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 600), two at a time, niced,
# in fork mode so a crash is saved and fuzzing goes on. Build first:
#   RUSTC_BOOTSTRAP=1 cargo fuzz build -s none --debug-assertions
# Logs: fuzz/artifacts/logs/<target>.log; crashes: fuzz/artifacts/<target>/crash-*, timeout-*, oom-*.
# Usage: fuzz/run-all.sh [-t SECONDS] [-p PARALLEL] [TARGET...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds=600
parallel=2
while getopts "t:p:" opt; do
    case $opt in
        t) seconds=$OPTARG ;;
        p) parallel=$OPTARG ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
bin="$here/target/x86_64-unknown-linux-gnu/release"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    mapfile -t targets < <(cd "$here" && cargo fuzz list)
fi
mkdir -p "$here/artifacts/logs"

run() {
    local t="$1"
    mkdir -p "$here/corpus/$t" "$here/artifacts/$t"
    nice -n 10 "$bin/$t" "$here/corpus/$t" \
        -artifact_prefix="$here/artifacts/$t/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        >"$here/artifacts/logs/$t.log" 2>&1 || true
    echo "$(date +%T) done $t: $(grep -E '^#[0-9]+: cov' "$here/artifacts/logs/$t.log" | tail -1)"
}

for t in "${targets[@]}"; do
    while [[ $(jobs -rp | wc -l) -ge $parallel ]]; do
        wait -n || true
    done
    echo "$(date +%T) start $t"
    run "$t" &
done
wait
