#!/bin/bash
# Runs each fuzzer for FUZZ_TIME seconds from its committed seeds
# (tests/fuzz/corpus/<target>) plus what earlier runs found
# (build/fuzz/corpus/<target>, where new inputs go), FUZZ_JOBS of them at a
# time (one per core: each fuzzer is single-threaded).  A crash leaves its
# input as build/fuzz/crash-<target>-* and fails the run; replay it with
#   build/fuzz/fuzz_<target> build/fuzz/crash-<target>-<hash>
#
# Usage: FUZZ_TIME=25 FUZZ_JOBS=2 tests/fuzz/run.sh BUILD_FUZZ_DIR TARGET...
set -euo pipefail

dir=$1
shift
time=${FUZZ_TIME:-25}
jobs=${FUZZ_JOBS:-$(nproc)}

# How many entries the directory holds.
entries() {
	find "$1" -mindepth 1 -maxdepth 1 | wc -l
}

# One fuzzer; its report goes to $dir/<target>.result, its status is the run's.
fuzz_one() {
	local t=$1 log=$dir/$1.log start runs
	mkdir -p "$dir/corpus/$t"
	start=$(date +%s)
	# -max_len fits the largest seed (an e820 map of 200 descriptors).
	if "$dir/fuzz_$t" -max_total_time="$time" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 -artifact_prefix="$dir/crash-$t-" \
		"$dir/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
		# The log may hold input bytes; the last stats block is the run's.
		runs=$(grep -a '^stat::number_of_executed_units:' "$log" | tail -n 1 | tr -dc 0-9)
		echo "fuzz_$t: ok, ${runs:-?} inputs in $(($(date +%s) - start)) s," \
			"corpus $(entries "$dir/corpus/$t") + $(entries "tests/fuzz/corpus/$t") seeds" \
			>"$dir/$t.result"
	else
		{
			echo "fuzz_$t: FAILED after $(($(date +%s) - start)) s; the end of $log:"
			grep -av '^#' "$log" | tail -n 40
		} >"$dir/$t.result"
		return 1
	fi
}

failed=0
running=0
for t in "$@"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n || failed=1
		running=$((running - 1))
	fi
	fuzz_one "$t" &
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
	wait -n || failed=1
	running=$((running - 1))
done
# The reports in the order the targets were named.
for t in "$@"; do
	cat "$dir/$t.result"
done
exit $failed
