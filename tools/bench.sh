#!/bin/bash
# Boot-path benchmark: how long from the shell running the boot command to
# the kernel's first line ("Linux version"), for chainload (in place, with
# --force-copy, with --no-verify) and for the same kernel started through
# its own EFI stub from the same shell.  Debian's kernel, a busybox
# initramfs with a random payload of --initrd-mib MiB, TCG, one QEMU at a
# time; each configuration runs --runs times and the median is reported,
# with chainload's own phase timings (--verbose) from the last run.
#
# Usage: tools/bench.sh [--runs N] [--initrd-mib N]
# Numbers from TCG are relative, not absolute: compare the rows, not the
# seconds with real hardware.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The boots are the QEMU test library's (guest_boot, write_crlf, clean_log).
# shellcheck source-path=SCRIPTDIR source=../tests/qemu/guest.bash
. "$ROOT/tests/qemu/guest.bash"
OUT=$ROOT/build/bench
runs=3
initrd_mib=32

while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--initrd-mib) initrd_mib=$2; shift ;;
	-h | --help) sed -n '2,13p' "$0"; exit 0 ;;
	*) echo "bench: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

# The startup.nsh of one configuration: a marker, then the boot command.
write_bench_startup() {
	local out=$1 command=$2
	printf '%s\n' '@echo -off' 'fs0:' 'echo BENCH-START' "$command" 'reset -s' | write_crlf "$out"
}

# One boot; prints the seconds from BENCH-START to "Linux version".
time_boot() {
	local startup=$1 log=$2 start='' end='' line
	while IFS= read -r line; do
		case $line in
		*BENCH-START*) [ -n "$start" ] || start=$EPOCHREALTIME ;;
		*"Linux version"*) [ -n "$end" ] || end=$EPOCHREALTIME ;;
		esac
	done < <( (guest_boot --timeout 180 --log "$log" --startup "$startup" \
		--esp-file "$kernel:/boot/vmlinuz" --esp-file "$initrd:/boot/initrd.img" \
		--expect-exit 0) 2>&1 || true)
	if [ -z "$start" ] || [ -z "$end" ]; then
		echo "bench: no kernel start in $log" >&2
		return 1
	fi
	echo "$end - $start" | bc -l
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

main() {
	local name command i t times
	"$ROOT/tools/install-deps.sh" bc
	make -C "$ROOT" -s build/chainload.efi
	"$ROOT/tests/guest/fetch-debian-kernel.sh"
	kernel=$ROOT/build/debian/vmlinuz
	mkdir -p "$OUT"
	head -c $((initrd_mib << 20)) /dev/urandom >"$OUT/payload.bin"
	initrd=$OUT/initramfs.gz
	"$ROOT/tests/guest/make-initramfs.sh" "$initrd" "$OUT/payload.bin" "console=ttyS0 panic=-1"
	local cmd='console=ttyS0 panic=-1'
	local loader='\EFI\chainload\chainload.efi'
	local -a names=(chainload chainload-force-copy chainload-no-verify efi-stub)
	local -a commands=(
		"$loader -v -i \\boot\\initrd.img \\boot\\vmlinuz $cmd"
		"$loader -v --force-copy -i \\boot\\initrd.img \\boot\\vmlinuz $cmd"
		"$loader -v --no-verify -i \\boot\\initrd.img \\boot\\vmlinuz $cmd"
		"\\boot\\vmlinuz initrd=\\boot\\initrd.img $cmd"
	)
	printf '%-22s %s\n' "configuration" "seconds to 'Linux version' (median of $runs, TCG)"
	for i in "${!names[@]}"; do
		name=${names[$i]}
		write_bench_startup "$OUT/$name.nsh" "${commands[$i]}"
		times=''
		for _ in $(seq "$runs"); do
			t=$(time_boot "$OUT/$name.nsh" "$OUT/$name.log")
			times+="$t"$'\n'
		done
		printf '%-22s %s   (runs: %s)\n' "$name" "$(median <<<"${times%$'\n'}")" \
			"$(tr '\n' ' ' <<<"${times%$'\n'}")"
	done
	echo
	echo "chainload's own phase timings, last in-place run:"
	clean_log "$OUT/chainload.log" |
		grep -aE '^  (pages|time|kernel):|^chainload: (verify|\\)' || true
}

main
