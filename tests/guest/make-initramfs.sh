#!/bin/bash
# Build the busybox initramfs a real Debian kernel boots into: /init is
# tests/guest/init.sh, /payload.bin a copy of PAYLOAD, /expected/* what init
# compares against, /lib/modules/efivarfs.ko when fetch-debian-kernel.sh
# cached it (the efivarfs check loads it). Output: gzip-compressed cpio (newc).
#
# Usage: tests/guest/make-initramfs.sh [--kernel-dir DIR] OUT PAYLOAD EXPECTED_CMDLINE [CHECKS.sh ...]
#   DIR is where fetch-debian-kernel.sh cached the kernel the initramfs is
#   for (default build/debian): its modules, and its busybox when it has
#   one (the 686 kernel's, an i386 build), else the host's /bin/busybox.
#   Each CHECKS.sh is copied to /checks.d/; init sources them in name order
#   after its own checks (they may call `fail REASON` and print GUEST: lines).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KERNEL_DIR=$HERE/../../build/debian

# Report a fatal error in one line and stop.
die() {
	echo "make-initramfs: error: $*" >&2
	exit 1
}

# One cpio newc entry with no data (a directory or device node), written to
# stdout: cpio needs a real device to archive one, and we need no root.
newc_entry() {
	local name=$1 mode=$2 rmajor=$3 rminor=$4 ino=$5
	local namesize=$((${#name} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		"$ino" "$mode" 0 0 1 0 0 0 0 "$rmajor" "$rminor" "$namesize" 0
	printf '%s\0' "$name"
	# Header (110 bytes) plus name is padded to a multiple of 4.
	head -c $(((4 - (110 + namesize) % 4) % 4)) /dev/zero
}

# A second archive holding /dev/console, so init starts with a console
# (the kernel opens it before running /init).
console_archive() {
	newc_entry dev/console $((0020600)) 5 1 1
	newc_entry TRAILER!!! 0 0 0 0
}

# Lay out the file tree in $1.
stage_tree() {
	local dir=$1 payload=$2 cmdline=$3 check mod
	shift 3
	mkdir -p "$dir"/{bin,dev,proc,sys,expected,checks.d,lib/modules}
	for check in "$@"; do
		[ -f "$check" ] || die "$check: not found"
		install -m 0644 "$check" "$dir/checks.d/$(basename "$check")"
	done
	# The one module of the cached Debian kernel the guest may load (same package).
	mod=$KERNEL_DIR/efivarfs.ko
	[ ! -f "$mod" ] || cp "$mod" "$dir/lib/modules/"
	cp "$BUSYBOX" "$dir/bin/busybox"
	ln -s busybox "$dir/bin/sh"
	install -m 0755 "$HERE/init.sh" "$dir/init"
	cp "$payload" "$dir/payload.bin"
	printf '%s\n' "$cmdline" >"$dir/expected/cmdline"
	sha256sum "$payload" | cut -d' ' -f1 >"$dir/expected/payload_sha256"
}

main() {
	if [ "${1:-}" = --kernel-dir ]; then
		KERNEL_DIR=$2
		shift 2
	fi
	BUSYBOX=/bin/busybox
	[ ! -x "$KERNEL_DIR/busybox" ] || BUSYBOX=$KERNEL_DIR/busybox
	[ $# -ge 3 ] || die "usage: $0 [--kernel-dir DIR] OUT PAYLOAD EXPECTED_CMDLINE [CHECKS.sh ...]"
	local out=$1 payload=$2 cmdline=$3
	shift 3
	[ -f "$payload" ] || die "$payload: not found"
	[ -x "$BUSYBOX" ] || die "$BUSYBOX missing (apt-get install busybox-static)"
	# ldd fails on a static binary; a dynamic one could not run here.
	! ldd "$BUSYBOX" >/dev/null 2>&1 || die "$BUSYBOX is not static (install busybox-static)"
	[[ $cmdline != *$'\n'* ]] || die "EXPECTED_CMDLINE may not contain a newline"
	# Global: the EXIT trap runs after main has returned.
	stage=$(mktemp -d)
	trap 'rm -rf "$stage"' EXIT
	stage_tree "$stage" "$payload" "$cmdline" "$@"
	{
		(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
			cpio -o -H newc -R 0:0 --reproducible --quiet)
		console_archive
	} | gzip -9 -n >"$out.tmp"
	mv "$out.tmp" "$out"
}

main "$@"
