#!/usr/bin/env bash
# Prints the results table (markdown) from the logs of run-all.sh and the saved artifacts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
echo "| target | seconds | execs | exec/s | corpus | crashes | timeouts | ooms |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for log in "$here"/artifacts/logs/*.log; do
    t=$(basename "$log" .log)
    last=$(grep -E '^#[0-9]+: cov' "$log" | tail -1)
    [[ -z "$last" ]] && continue
    execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
    secs=$(sed -E 's/.* time: ([0-9]+)s.*/\1/' <<<"$last")
    corp=$(sed -E 's/.* corp: ([0-9]+).*/\1/' <<<"$last")
    read -r oom timeout crash < <(sed -E 's#.*oom/timeout/crash: ([0-9]+)/([0-9]+)/([0-9]+).*#\1 \2 \3#' <<<"$last")
    echo "| $t | $secs | $execs | $((execs / (secs > 0 ? secs : 1))) | $corp | $crash | $timeout | $oom |"
done
