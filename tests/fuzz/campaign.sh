#!/usr/bin/env bash
# campaign.sh - long libFuzzer campaign over every target, one process at a
# time (the machine is shared), rotating targets until a deadline.
#
#   tests/fuzz/campaign.sh [SECONDS_PER_RUN] [DEADLINE_EPOCH] [MAX_LEN]
#
# Uses the ASan+UBSan builds of `make fuzz-smoke` (tests/fuzz/bin/lf/), or
# FUZZ_BIN=tests/fuzz/bin/fast (`make fuzz-fast-bin`: -O2, UBSan, no ASan,
# more executions per second for the bulk of a campaign).  Each
# run's executed-unit count is appended to tests/fuzz/work/campaign.log as
# "<target> <execs> <exit status>"; crashes land in tests/fuzz/work/crash-*.
set -u
cd "$(dirname "$0")/../.."
per=${1:-240}
deadline=${2:-$(( $(date +%s) + 3600 ))}
maxlen=${3:-512}
log=tests/fuzz/work/campaign.log
mkdir -p tests/fuzz/work
targets=$(ls tests/fuzz/fuzz_*.c | grep -v fuzz_main | xargs -n1 basename | sed 's/\.c$//')
while [ "$(date +%s)" -lt "$deadline" ]; do
    for t in $targets; do
        now=$(date +%s)
        [ "$now" -ge "$deadline" ] && break
        left=$(( deadline - now ))
        secs=$(( per < left ? per : left ))
        mkdir -p tests/fuzz/work/$t
        out=$(${FUZZ_BIN:-tests/fuzz/bin/lf}/$t -max_total_time=$secs -max_len=$maxlen -timeout=10 \
              -rss_limit_mb=1536 -print_final_stats=1 -artifact_prefix=tests/fuzz/work/ \
              tests/fuzz/work/$t tests/fuzz/corpus 2>&1)
        rc=$?
        n=$(printf '%s\n' "$out" | sed -n 's/^stat::number_of_executed_units: *//p' | tail -1)
        echo "$t ${n:-0} $rc $(basename ${FUZZ_BIN:-lf}) $(date -u +%H:%M:%S)" >> "$log"
        if [ $rc -ne 0 ]; then
            printf '%s\n' "$out" | grep -E "ERROR|SUMMARY|invariant|runtime error|Test unit written" | head -20 >> "$log"
        fi
    done
done
awk '$2 ~ /^[0-9]+$/ {s[$1]+=$2; t+=$2} END {for (k in s) print k, s[k]; print "total", t}' "$log"
