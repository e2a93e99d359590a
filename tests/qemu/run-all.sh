#!/bin/bash
# Run the QEMU + OVMF scenarios in order and print "N passed, M failed" as
# the last line (CI reads it). Exit status non-zero if any failed. The
# summary repeats each failed scenario's failed checks and errors (its
# output is also in build/qemu/logs/NAME.out), so the end of a long CI log
# says why.
#
# Usage: tests/qemu/run-all.sh [--no-build] [SCENARIO ...]
#   SCENARIO is a script name without .sh (default: all, see all_scenarios).
#   CHAINLOAD_NO_BUILD=1 has the same effect as --no-build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/qemu
# These first, in this order; any other scenario script here runs after them.
FIRST=(
	testkern-default
	testkern-force-copy
	testkern-fixed
	testkern-two-initrds
	debian-kernel
)

# Every scenario: FIRST, then the remaining *.sh here (not lib.sh or this
# script) in name order.
all_scenarios() {
	local f name
	printf '%s\n' "${FIRST[@]}"
	for f in "$HERE"/*.sh; do
		name=$(basename "$f" .sh)
		case " ${FIRST[*]} lib run-all " in *" $name "*) continue ;; esac
		echo "$name"
	done
}

# Install and build once here, so the scenarios only boot.
prepare() {
	"$ROOT/tools/install-deps.sh"
	if [ "${CHAINLOAD_NO_BUILD:-0}" != 1 ]; then
		make -C "$ROOT" build/chainload.efi build/chainload-ia32.efi test-images
	fi
	export CHAINLOAD_NO_BUILD=1
}

# The lines of a scenario's output that say what failed, indented.
why_failed() {
	grep -aE '^== [^:]+: (FAILED|FAIL): |^(chainload: error|boot: FAIL|CHAINLOAD-VERDICT: FAIL|tk: FAIL)' "$1" | head -n 12 |
		sed 's/^/    /' || true
}

main() {
	local passed=0 failed=0 name start out results=() SCENARIOS=()
	if [ "${1:-}" = --no-build ]; then
		export CHAINLOAD_NO_BUILD=1
		shift
	fi
	if [ $# -eq 0 ]; then
		mapfile -t SCENARIOS < <(all_scenarios)
	else
		SCENARIOS=("$@")
	fi
	for name in "${SCENARIOS[@]}"; do
		[ -x "$HERE/$name.sh" ] || { echo "run-all: no scenario $name" >&2; exit 2; }
	done
	if ! prepare; then
		echo "run-all: build failed; no scenario ran"
		echo "0 passed, ${#SCENARIOS[@]} failed"
		exit 1
	fi
	mkdir -p "$ROOT/build/qemu/logs"
	for name in "${SCENARIOS[@]}"; do
		start=$SECONDS
		out=$ROOT/build/qemu/logs/$name.out
		if "$HERE/$name.sh" 2>&1 | tee "$out"; then
			passed=$((passed + 1))
			results+=("PASS $name ($((SECONDS - start))s)")
		else
			failed=$((failed + 1))
			results+=("FAIL $name ($((SECONDS - start))s)")
			mapfile -t -O "${#results[@]}" results < <(why_failed "$out")
		fi
	done
	printf '%s\n' "${results[@]}"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
