#!/bin/bash
# The benchmark's initrd: an uncompressed cpio (newc) of static busybox, /init
# (tools/bench/init.sh), /expected.sha256 and /payload.bin, random bytes
# sized so that the whole archive is SIZE_MIB MiB (at most 511 bytes less).
# Uncompressed, so that the kernel only copies it into its rootfs: under
# TCG, gunzipping 256 MiB would take longer than the boot being measured.
# Writes OUT, and OUT.sha256 (the payload's digest, for the host's check).
#
# Usage: tools/bench/initramfs.sh [--corrupt] OUT SIZE_MIB
#   --corrupt  flip one payload byte after taking the digest: the guest's
#              check must then fail (the benchmark's self-test)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUSYBOX=/bin/busybox

die() {
	echo "bench-initramfs: error: $*" >&2
	exit 1
}

# The archive of the tree in $1, on stdout.
archive() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --reproducible --quiet)
}

# Invert the byte in the middle of FILE.
flip_middle_byte() {
	local file=$1 at old
	at=$(($(stat -c %s "$file") / 2))
	old=$(od -An -tu1 -j "$at" -N1 "$file" | tr -d ' ')
	# shellcheck disable=SC2059 # the format is the octal escape of the new byte
	printf "\\$(printf '%03o' $((old ^ 0xff)))" |
		dd of="$file" bs=1 seek="$at" conv=notrunc status=none
}

main() {
	local corrupt=0 out size_mib stage empty payload_bytes
	[ "${1:-}" != --corrupt ] || { corrupt=1; shift; }
	[ $# -eq 2 ] || die "usage: $0 [--corrupt] OUT SIZE_MIB"
	out=$1 size_mib=$2
	[[ $size_mib =~ ^[1-9][0-9]*$ ]] || die "SIZE_MIB must be a positive number, got $size_mib"
	[ -x "$BUSYBOX" ] || die "$BUSYBOX missing (apt-get install busybox-static)"
	stage=$out.stage
	rm -rf "$stage"
	mkdir -p "$stage"/{bin,dev,proc}
	# Global for the trap, which runs after main has returned.
	cleanup_dir=$stage
	trap 'rm -rf "$cleanup_dir"' EXIT
	cp "$BUSYBOX" "$stage/bin/busybox"
	install -m 0755 "$HERE/init.sh" "$stage/init"
	echo 0000000000000000000000000000000000000000000000000000000000000000 >"$stage/expected.sha256"
	: >"$stage/payload.bin"
	# What everything but the payload takes, trailer and padding included.
	empty=$(archive "$stage" | wc -c)
	payload_bytes=$(((size_mib << 20) - empty))
	[ "$payload_bytes" -gt 0 ] || die "$size_mib MiB is too small: the rest takes $empty bytes"
	head -c "$payload_bytes" /dev/urandom >"$stage/payload.bin"
	sha256sum "$stage/payload.bin" | cut -d' ' -f1 | tee "$stage/expected.sha256" >"$out.sha256"
	[ "$corrupt" -eq 0 ] || flip_middle_byte "$stage/payload.bin"
	archive "$stage" >"$out.tmp"
	mv "$out.tmp" "$out"
}

main "$@"
