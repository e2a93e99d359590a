#!/bin/bash
# The mutation check (`make test-mutations`): each mutant of
# tests/mutations/mutations.txt is one small, plausible bug applied to a copy
# of the tree, and the test named beside it must fail on it. A mutant is
# caught only when that test fails: a mutant that does not build, a QEMU
# run that never reached chainload, or a different test failing instead is
# no catch.
#
# Usage: tests/mutations/run.sh [NAME ...]   (default: every mutant)
#
# The copy is build/mutations/tree: the tracked files and the objects the
# caller already built (make's -MMD dependencies then rebuild only what a
# mutant touches). Per mutant: apply it, build what its test needs, run
# every host test binary or its one QEMU scenario (CHAINLOAD_NO_BUILD=1,
# from the copy), restore the file. Logs: build/mutations/logs/NAME/.
# The last line is "N mutations: N caught, 0 survived, 0 stale"; the exit
# status is non-zero unless every mutant was caught.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LIST=$ROOT/tests/mutations/mutations.txt
WORK=$ROOT/build/mutations
TREE=$WORK/tree
LOGS=$WORK/logs
# What the real build made and the copy starts from (make test-mutations
# builds it first).
SEED_DIRS=(host efi-obj efi-obj-corrupt blob test test-images chainload.so chainload.efi
	ia32 chainload-ia32.so chainload-ia32.efi)
QEMU_TARGETS=(build/chainload.efi build/chainload-ia32.efi build/test/chainload-corrupt.efi
	test-images)
# The copy's objects keep the real build's version string.
VERSION=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)

# The records of mutations.txt, one per mutant, in these parallel arrays;
# "caught: host TEST" or "caught: qemu:SCENARIO CHECK" fills kinds, tests
# and checks (a fragment of the scenario's FAILED line).
names=() files=() finds=() replaces=() kinds=() tests=() checks=()

die() {
	echo "mutations: $*" >&2
	exit 2
}

# Mutant N is caught by VALUE: "host TEST" or "qemu:SCENARIO CHECK TEXT".
parse_catcher() {
	local n=$1 first=${2%% *} rest=${2#* }
	[[ $2 == *' '?* ]] || return 1
	case $first in
	host) kinds[n]=host tests[n]=$rest checks[n]='' ;;
	qemu:?*) kinds[n]=qemu tests[n]=${first#qemu:} checks[n]=$rest ;;
	*) return 1 ;;
	esac
}

# Read mutations.txt: records of "key: value" lines (name, file, find,
# replace, caught), separated by blank lines; # starts a comment line.
read_list() {
	local line key value n=-1 lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case $line in
		'#'* | '') continue ;;
		esac
		key=${line%%:*}
		value=${line#*:}
		value=${value#"${value%%[![:space:]]*}"}
		[ "$key" != "$line" ] || die "$LIST:$lineno: not a key: value line"
		case $key in
		name)
			n=$((n + 1))
			names[n]=$value
			files[n]='' finds[n]='' replaces[n]='' kinds[n]=''
			;;
		file) files[n]=$value ;;
		find) finds[n]=$value ;;
		replace) replaces[n]=$value ;;
		caught) parse_catcher "$n" "$value" || die "$LIST:$lineno: caught: host TEST or qemu:SCENARIO CHECK" ;;
		*) die "$LIST:$lineno: unknown key $key" ;;
		esac
		[ "$n" -ge 0 ] || die "$LIST:$lineno: a record starts with its name"
	done <"$LIST"
	for n in "${!names[@]}"; do
		if [ -z "${files[n]}" ] || [ -z "${finds[n]}" ] || [ -z "${kinds[n]}" ]; then
			die "mutant ${names[n]}: needs file, find, replace and caught"
		fi
	done
}

# Copy the tracked tree (as it is in the work tree) and the built objects,
# keeping their times, so that the copy starts up to date.
make_tree() {
	local d
	rm -rf "$TREE" "$LOGS"
	mkdir -p "$TREE/build" "$LOGS"
	git -C "$ROOT" ls-files -z | (cd "$ROOT" && xargs -0 cp -a --parents -t "$TREE")
	for d in "${SEED_DIRS[@]}"; do
		[ -e "$ROOT/build/$d" ] || die "build/$d is missing: run make test-mutations (it builds it)"
		cp -a "$ROOT/build/$d" "$TREE/build/"
	done
}

# Apply mutant N to the copy: its pattern must match exactly once. Prints
# the number of matches when it does not.
apply() {
	local n=$1 file=$TREE/${files[$1]}
	[ -f "$file" ] || { echo 0; return 1; }
	cp -p "$file" "$WORK/pristine"
	FIND=${finds[n]} REPL=${replaces[n]} perl -e '
		local $/;
		my $text = <STDIN>;
		my $count = () = $text =~ /$ENV{FIND}/g;
		if ($count != 1) { print STDERR "$count\n"; exit 3; }
		$text =~ /$ENV{FIND}/;
		substr($text, $-[0], $+[0] - $-[0]) = $ENV{REPL};
		print $text;
	' <"$WORK/pristine" 2>"$WORK/count" >"$file" && return 0
	cat "$WORK/count"
	restore "$n"
	return 1
}

# Put the file back, newer than what the mutant built, so the next build
# rebuilds it.
restore() {
	cp "$WORK/pristine" "$TREE/${files[$1]}"
	touch "$TREE/${files[$1]}"
}

build() {
	make -C "$TREE" -j2 VERSION="$VERSION" "$@"
}

# The host test binaries, by name (the Makefile finds them by wildcard).
host_tests() {
	local f
	for f in "$TREE"/tests/host/test_*.c; do
		f=$(basename "$f" .c)
		echo "$f"
	done
}

# Run every host test binary, two at a time, with their logs and exit
# statuses in DIR; print the names of those that failed (" (timeout)" after
# one that hung).
run_host_tests() {
	local dir=$1 t rc all=()
	mapfile -t all < <(host_tests)
	for t in "${all[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge 2 ]; do
			wait -n || true
		done
		(
			cd "$TREE"
			rc=0
			timeout 120 "build/host/$t" >"$dir/$t.log" 2>&1 || rc=$?
			echo "$rc" >"$dir/$t.rc"
		) &
	done
	wait
	for t in "${all[@]}"; do
		rc=$(cat "$dir/$t.rc")
		if [ "$rc" -eq 124 ]; then
			echo "$t (timeout)"
		elif [ "$rc" -ne 0 ]; then
			echo "$t"
		fi
	done
}

# Run one QEMU scenario of the copy, its output into LOG; print its FAILED
# check lines (without the prefix).
run_scenario() {
	local scenario=$1 log=$2
	CHAINLOAD_NO_BUILD=1 "$TREE/tests/qemu/$scenario.sh" >"$log" 2>&1 || true
	sed -n "s/^== $scenario: FAILED: //p" "$log"
}

# The unmutated copy must pass what judges the mutants, else no failure
# below means anything.
baseline() {
	local n failed scenarios=() s
	mkdir -p "$LOGS/baseline"
	failed=$(run_host_tests "$LOGS/baseline")
	[ -z "$failed" ] || die "the unmutated tree fails host tests: $failed (logs $LOGS/baseline)"
	for n in "${selected[@]}"; do
		[ "${kinds[n]}" = host ] || scenarios+=("${tests[n]}")
	done
	[ ${#scenarios[@]} -gt 0 ] || return 0
	mapfile -t scenarios < <(printf '%s\n' "${scenarios[@]}" | sort -u)
	for s in "${scenarios[@]}"; do
		failed=$(run_scenario "$s" "$LOGS/baseline/$s.log")
		if [ -n "$failed" ] || ! grep -q "^== $s: PASS" "$LOGS/baseline/$s.log"; then
			die "the unmutated tree fails scenario $s (log $LOGS/baseline/$s.log)"
		fi
	done
}

# Judge mutant N: sets verdict (caught, SURVIVED, STALE, BROKEN, NO QEMU)
# and by (what failed).
judge() {
	local n=$1 test=${tests[$1]} check=${checks[$1]} dir=$LOGS/${names[$1]} matches failed
	mkdir -p "$dir"
	by=-
	if ! matches=$(apply "$n"); then
		verdict="STALE (pattern matches $matches times)"
		return
	fi
	if [ "${kinds[n]}" = host ]; then
		if ! build "${host_targets[@]}" >"$dir/build.log" 2>&1; then
			verdict="BROKEN (does not build: $dir/build.log)"
		else
			failed=$(run_host_tests "$dir")
			by=$(paste -sd, <<<"$failed")
			if grep -qE "^$test( \\(timeout\\))?\$" <<<"$failed"; then
				verdict=caught
			else
				verdict="SURVIVED ($test passed)"
			fi
		fi
	elif ! build "${QEMU_TARGETS[@]}" >"$dir/build.log" 2>&1; then
		verdict="BROKEN (does not build: $dir/build.log)"
	else
		failed=$(run_scenario "$test" "$dir/$test.log")
		# QEMU ran, chainload started in the guest, the scenario finished.
		if grep -q 'QEMU ran' <<<"$failed" || ! grep -aq 'chainload: ' "$dir/$test.log" ||
			! grep -qE "^== $test: (PASS|FAIL) \(" "$dir/$test.log"; then
			verdict="NO QEMU (harness failure, or the scenario did not finish: $dir/$test.log)"
		elif grep -qF -- "$check" <<<"$failed"; then
			verdict=caught
			by="$test: $check"
		else
			verdict="SURVIVED (no failed check \"$check\")"
			by=${failed:+$test: $(head -n1 <<<"$failed")}
		fi
	fi
	restore "$n"
}

# The table of ROW... ("mutation|caught by|result"), columns padded.
print_table() {
	local row w1=8 w2=9 a b
	for row in "$@"; do
		a=${row%%|*} b=${row#*|} b=${b%%|*}
		[ ${#a} -le "$w1" ] || w1=${#a}
		[ ${#b} -le "$w2" ] || w2=${#b}
	done
	echo
	printf "%-${w1}s | %-${w2}s | %s\n" mutation "caught by" result
	for row in "$@"; do
		a=${row%%|*} b=${row#*|}
		printf "%-${w1}s | %-${w2}s | %s\n" "$a" "${b%%|*}" "${b#*|}"
	done
}

main() {
	local n name line start=$SECONDS caught=0 survived=0 stale=0 other=0 rows=() verdict by
	read_list
	selected=()
	if [ $# -eq 0 ]; then
		selected=("${!names[@]}")
	else
		for name in "$@"; do
			for n in "${!names[@]}"; do
				[ "${names[n]}" != "$name" ] || { selected+=("$n"); continue 2; }
			done
			die "no mutant $name in $LIST"
		done
	fi
	echo "mutations: copying the tree to $TREE"
	make_tree
	mapfile -t host_targets < <(host_tests | sed 's|^|build/host/|')
	echo "mutations: the unmutated copy must pass first"
	baseline
	for n in "${selected[@]}"; do
		judge "$n"
		case $verdict in
		caught) caught=$((caught + 1)) ;;
		SURVIVED*) survived=$((survived + 1)) ;;
		STALE*) stale=$((stale + 1)) ;;
		*) other=$((other + 1)) ;;
		esac
		echo "mutations: ${names[n]}: $verdict${by:+ (failed: $by)}"
		rows+=("${names[n]}|$by|$verdict")
	done
	print_table "${rows[@]}"
	echo "mutations: $((SECONDS - start)) s; logs in $LOGS"
	line="${#selected[@]} mutations: $caught caught, $survived survived, $stale stale"
	[ "$other" -eq 0 ] || line+=", $other not judged (broken, or QEMU did not run)"
	echo "$line"
	[ "$caught" -eq "${#selected[@]}" ]
}

main "$@"
