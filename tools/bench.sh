#!/bin/bash
# Boot-path benchmark (make bench, make bench-scale): Debian's kernel and a
# random-payload initrd booted by several loaders, all started from the
# UEFI shell of OVMF under QEMU (TCG, one QEMU at a time).
#
# Configurations: efi-stub (the kernel's own EFI stub), systemd-boot, grub
# (Debian's packages: tools/bench/peers.sh), and chainload (default),
# chainload-force-copy, chainload-no-verify, chainload-verify-sha256, as a
# user runs them (no -v). One campaign: every round boots every
# configuration at every size once, in a shuffled order (the host drifts).
# A boot's time: from the shell's echo of a marker just before the boot
# command to the kernel's "Linux version" line, from host timestamps taken
# as the serial lines arrive. Every boot must also print the payload's
# digest check from inside the guest (tools/bench/init.sh), or the run fails.
#
# Usage: tools/bench.sh [--scale] [OPTION...]
#   --rounds N          rounds (BENCH_ROUNDS; default 3, --scale 2)
#   --sizes "MIB..."    initrd sizes in MiB (BENCH_SIZES; default "5 256",
#                       --scale "5 1024")
#   --configs "NAME..." configurations (BENCH_CONFIGS; default all above,
#                       --scale "chainload efi-stub")
#   --memory MB         guest RAM (BENCH_MEMORY; default 2048, --scale 8192)
#   --out DIR           results (default build/bench, --scale build/bench/scale)
#   --seed N            the shuffle's seed (default: random; results.md says it)
#   --skip-unsupported  skip a chainload configuration whose options this
#                       chainload refuses (else that fails the run)
#   --corrupt           self-test: flip one payload byte in each initrd; the
#                       first boot must then fail (results in DIR/corrupt)
#   --scale             the 1 GiB preset of make bench-scale
# Results: DIR/results.md (printed too), DIR/times.csv, DIR/bench.png and
# .svg (tools/bench/report.sh), DIR/logs/ (each boot's timestamped log).
# Numbers from TCG are relative: compare the rows, not the seconds with
# real hardware.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The boots are the QEMU test library's (guest_boot, write_crlf, clean_log).
# shellcheck source-path=SCRIPTDIR source=../tests/qemu/guest.bash
. "$ROOT/tests/qemu/guest.bash"
BENCH_DIR=$ROOT/tools/bench
# The configurations (ALL_CONFIGS, boot_command, chainload_options).
# shellcheck source-path=SCRIPTDIR source=bench/configs.bash
. "$BENCH_DIR/configs.bash"
PACKAGES=(gnuplot-nox systemd-boot-efi grub-efi-amd64-bin)

bench_die() {
	echo "bench: error: $*" >&2
	exit 1
}

# Options, then the environment, then the preset's defaults.
parse_options() {
	local o_rounds='' o_sizes='' o_configs='' o_memory='' o_out='' scale=0 n
	seed='' skip_unsupported=0 corrupt=0
	while [ $# -gt 0 ]; do
		case $1 in
		--rounds) o_rounds=${2:?}; shift ;;
		--sizes) o_sizes=${2:?}; shift ;;
		--configs) o_configs=${2:?}; shift ;;
		--memory) o_memory=${2:?}; shift ;;
		--out) o_out=${2:?}; shift ;;
		--seed) seed=${2:?}; shift ;;
		--skip-unsupported) skip_unsupported=1 ;;
		--corrupt) corrupt=1 ;;
		--scale) scale=1 ;;
		-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
		*) echo "bench: unknown option $1 (try --help)" >&2; exit 2 ;;
		esac
		shift
	done
	if [ "$scale" -eq 1 ]; then
		rounds=2 sizes='5 1024' configs='chainload efi-stub' memory=8192 out=$ROOT/build/bench/scale
	else
		rounds=3 sizes='5 256' configs=$ALL_CONFIGS memory=2048 out=$ROOT/build/bench
	fi
	rounds=${o_rounds:-${BENCH_ROUNDS:-$rounds}}
	sizes=${o_sizes:-${BENCH_SIZES:-$sizes}}
	configs=${o_configs:-${BENCH_CONFIGS:-$configs}}
	memory=${o_memory:-${BENCH_MEMORY:-$memory}}
	out=$(realpath -m "${o_out:-$out}")
	[ "$corrupt" -eq 0 ] || out=$out/corrupt
	seed=${seed:-$((RANDOM * 32768 + RANDOM + 1))}
	for n in "$rounds" "$memory" "$seed" $sizes; do
		[[ $n =~ ^[1-9][0-9]*$ ]] || bench_die "not a positive number: $n"
	done
	for n in $configs; do
		[[ " $ALL_CONFIGS " == *" $n "* ]] || bench_die "unknown configuration $n (known: $ALL_CONFIGS)"
	done
	if [ -z "$sizes" ] || [ -z "$configs" ]; then
		bench_die "no sizes or no configurations"
	fi
}

# startup.nsh FILE: to the ESP, the commands of stdin, power off.
write_startup() {
	{ printf '%s\n' '@echo -off' 'fs0:'; cat; echo 'reset -s'; } | write_crlf "$1"
}

# One guest boot with the initrd of SIZE MiB; its combined output on stdout.
# Never fails: the caller judges the log.
boot_guest() {
	local startup=$1 size=$2 serial=$3 spec args=()
	for spec in "${esp_files[@]}" "$out/initrd-$size.cpio:/boot/initrd.img"; do
		args+=(--esp-file "$spec")
	done
	(guest_boot --timeout $((180 + size)) --memory "$memory" --log "$serial" \
		--startup "$startup" --expect-exit 0 "${args[@]}") 2>&1 || true
}

# One dry run (-n) of each chainload configuration in one boot: a loader
# that refuses its options is skipped (--skip-unsupported) or fails the run.
probe_chainload() {
	local name cl=() log=$out/logs/probe.log line
	for name in $configs; do
		[[ $name != chainload* ]] || cl+=("$name")
	done
	[ "${#cl[@]}" -gt 0 ] || return 0
	for name in "${cl[@]}"; do
		echo "echo BENCH-PROBE $name"
		boot_command "$name" "-n -v"
	done | { cat; echo 'echo BENCH-PROBE-END'; } | write_startup "$out/probe.nsh"
	echo "bench: dry run of ${cl[*]}" >&2
	boot_guest "$out/probe.nsh" "${sizes%% *}" "$out/logs/probe.serial" >"$log"
	clean_log "$log" | grep -aqx 'BENCH-PROBE-END' || bench_die "the dry run did not finish; log $log"
	for name in "${cl[@]}"; do
		line=$(clean_log "$log" | sed -n "/^BENCH-PROBE $name\$/,/^BENCH-PROBE/p" |
			grep -a -m1 'chainload: error:' || true)
		[ -n "$line" ] || continue
		if [[ $line != *'error: arguments:'* ]]; then
			bench_die "$name: the dry run failed: $line; log $log"
		elif [ "$skip_unsupported" -eq 0 ]; then
			bench_die "$name: chainload refuses its options ($line); --skip-unsupported skips it"
		fi
		echo "bench: skipping $name: $line" >&2
		skipped+=("$name")
		configs=$(tr ' ' '\n' <<<"$configs" | grep -vx "$name" | tr '\n' ' ')
	done
}

# Boot configuration NAME with the SIZE MiB initrd in round R, judge it,
# and append its time to times.csv (to boots.csv: the whole boot's wall
# time, ESP image and waiting for another QEMU included; the guest's check;
# whether it waited); the time also in boot_seconds.
time_boot() {
	local name=$1 size=$2 r=$3 log start='' end='' line now waited=0 t0 why='' digest payload
	log=$out/logs/r$r-$name-$size.log
	boot_command "$name" | { echo 'echo BENCH-START'; cat; } | write_startup "$out/$name.nsh"
	t0=$EPOCHREALTIME
	while IFS= read -r line; do
		now=$EPOCHREALTIME
		line=${line//$'\r'/}
		printf '%s %s\n' "$now" "$line" >&3
		case $line in
		"boot: waiting for "*) waited=1 ;;
		*BENCH-START*) [ -n "$start" ] || start=$now ;;
		*"Linux version"*) [ -z "$start" ] || [ -n "$end" ] || end=$now ;;
		esac
	done 3>"$log" < <(boot_guest "$out/$name.nsh" "$size" "$out/logs/serial.log")
	digest=$(cat "$out/initrd-$size.cpio.sha256")
	payload=$(grep -ao 'BENCH-PAYLOAD: .*' "$log" | head -n1 || true)
	[ -n "$start" ] || why="no BENCH-START marker"
	[ -n "$why" ] || [ -n "$end" ] || why="no 'Linux version' line after the marker"
	[ -n "$why" ] || [[ $payload == "BENCH-PAYLOAD: ok sha256=$digest "* ]] ||
		why="the guest's payload check failed: ${payload:-no BENCH-PAYLOAD line}"
	[ -n "$why" ] || [ "$(run_marker_value "$out/logs/serial.log" exit_status)" = 0 ] ||
		why="QEMU exit status $(run_marker_value "$out/logs/serial.log" exit_status), expected 0 (power off)"
	if [ -n "$why" ]; then
		line=$(clean_log "$log" | grep -a -m1 -E 'chainload: error:|boot: error:|Kernel panic' || true)
		bench_die "$name, $size MiB, round $r: $why${line:+ (${line#* })}; log $log"
	fi
	awk -v s="$start" -v e="$end" -v r="$r" -v n="$name" -v m="$size" \
		'BEGIN { printf "%s,%s,%s,%.3f\n", r, n, m, e - s }' >>"$out/times.csv"
	awk -v a="$t0" -v b="$EPOCHREALTIME" -v r="$r" -v n="$name" -v m="$size" -v w="$waited" \
		-v c="${payload##*check_s=}" \
		'BEGIN { printf "%s,%s,%s,%.1f,%s,%s\n", r, n, m, b - a, c + 0, w }' >>"$out/boots.csv"
	boot_seconds=$(tail -n1 "$out/times.csv" | cut -d, -f4)
}

# chainload's own account of each default boot, one untimed boot with -v
# per size after the rounds: its phases before the exit, its memory, and
# the stub's times after it.
phase_boots() {
	local size log
	[[ " $configs " == *" chainload "* ]] || return 0
	for size in $sizes; do
		log=$out/logs/phases-$size.log
		boot_command chainload -v | write_startup "$out/phases.nsh"
		boot_guest "$out/phases.nsh" "$size" "$out/logs/serial.log" >"$log"
		echo "chainload -v, $size MiB (untimed, ${log##*/}):"
		clean_log "$log" | grep -aE '^  (time|pages|memory):|^chainload: (verify|stub):' ||
			bench_die "no phase lines in $log"
	done
}

# The cells (configuration:size) in a shuffled order, one per line.
shuffled_cells() {
	local name size
	for name in $configs; do
		for size in $sizes; do
			echo "$name:$size"
		done
	done | awk -v seed="$1" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' | sort -n | cut -f2-
}

# What results.md says about the machine and the campaign.
write_meta() {
	local kver waited
	kver=$(cat "$ROOT/build/debian/vmlinuz.version" 2>/dev/null || echo unknown)
	{
		echo "$(date -u '+%Y-%m-%d %H:%M UTC'), chainload $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)," \
			"kernel $kver, $(qemu-system-x86_64 --version | head -n1), TCG, ${memory} MiB guest," \
			"$rounds round(s) interleaved (seed $seed), host $(nproc) cores;" \
			"the campaign took $(((SECONDS - $1 + 30) / 60)) min."
		[ "${#skipped[@]}" -eq 0 ] || echo "Skipped (chainload refused their options): ${skipped[*]}."
		waited=$(grep -l 'boot: waiting for' "$out"/logs/r*.log | wc -l || true)
		[ "$waited" -eq 0 ] || echo "$waited boot(s) waited for another QEMU run (the host's QEMU lock) to end."
	} >"$out/meta.md"
}

main() {
	local r i cell size cells=() iflags=() started=$SECONDS
	skipped=() esp_files=()
	parse_options "$@"
	"$ROOT/tools/install-deps.sh" "${PACKAGES[@]}"
	make -C "$ROOT" -s build/chainload.efi
	"$ROOT/tests/guest/fetch-debian-kernel.sh" >/dev/null
	rm -rf "$out/logs" "$out"/initrd-*.cpio* "$out/times.csv" "$out/boots.csv" "$out/results.md" \
		"$out/phases.txt"
	mkdir -p "$out/logs"
	[ "$corrupt" -eq 0 ] || iflags=(--corrupt)
	for size in $sizes; do
		"$BENCH_DIR/initramfs.sh" "${iflags[@]}" "$out/initrd-$size.cpio" "$size"
	done
	"$BENCH_DIR/peers.sh" "$out/peers" "$CMDLINE" >"$out/peers.list"
	mapfile -t esp_files <"$out/peers.list"
	esp_files+=("$ROOT/build/debian/vmlinuz:/boot/vmlinuz")
	probe_chainload
	[ -n "${configs// /}" ] || bench_die "every configuration was skipped"
	echo "round,config,size_mib,seconds" >"$out/times.csv"
	echo "round,config,size_mib,wall_s,check_s,waited" >"$out/boots.csv"
	for r in $(seq "$rounds"); do
		mapfile -t cells < <(shuffled_cells "$((seed + r))")
		for i in "${!cells[@]}"; do
			cell=${cells[$i]}
			echo "bench: round $r/$rounds, boot $((i + 1))/${#cells[@]}: ${cell%:*}, ${cell#*:} MiB" >&2
			time_boot "${cell%:*}" "${cell#*:}" "$r"
			echo "bench: $boot_seconds s" >&2
		done
	done
	phase_boots >"$out/phases.txt"
	write_meta "$started"
	"$BENCH_DIR/report.sh" "$out" "$configs" "$sizes"
}

main "$@"
