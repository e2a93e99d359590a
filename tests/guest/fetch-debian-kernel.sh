#!/bin/bash
# Fetch Debian's current amd64 kernel and cache it as build/debian/vmlinuz
# (its version in build/debian/vmlinuz.version), with the one module the
# guest loads, build/debian/efivarfs.ko (efivarfs is =m in Debian's config;
# the module must come from the same package). Does nothing when cached.
#
# Usage: tests/guest/fetch-debian-kernel.sh [--force]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT_DIR=$ROOT/build/debian
META=linux-image-amd64

# Report a fatal error in one line and stop.
die() {
	echo "fetch-debian-kernel: error: $*" >&2
	exit 1
}

# apt-get download needs package lists; refresh them only when they lack
# the kernel.
ensure_package_lists() {
	apt-cache show "$META" >/dev/null 2>&1 && return 0
	[ "$(id -u)" -eq 0 ] || die "apt does not know $META; run apt-get update as root"
	apt-get update -q
	apt-cache show "$META" >/dev/null 2>&1 || die "apt does not know $META"
}

# Download the named packages into the current directory. As root apt would
# drop to the _apt user, who may not write here.
download() {
	apt-get download -q -o APT::Sandbox::User=root "$@"
}

# The versioned kernel package a metapackage .deb depends on.
kernel_package_of() {
	dpkg-deb -f "$1" Depends | sed 's/[,|]/\n/g' | sed 's/^ *//; s/ .*//' |
		grep -m1 '^linux-image-.*-amd64\(-unsigned\)\?$' ||
		die "no linux-image-*-amd64 dependency in $1"
}

# Copy efivarfs.ko out of a kernel .deb to $2.
extract_efivarfs() {
	local deb=$1 out=$2
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards './lib/modules/*/kernel/fs/efivarfs/efivarfs.ko' >"$out"
	[ -s "$out" ] || die "$deb: no efivarfs.ko"
}

# Copy /boot/vmlinuz-* out of a kernel .deb to $2, checking it is a bzImage.
extract_vmlinuz() {
	local deb=$1 out=$2
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './boot/vmlinuz-*' >"$out"
	# Boot protocol: "HdrS" at offset 0x202 of every bzImage.
	[ "$(dd if="$out" bs=1 skip=514 count=4 status=none)" = HdrS ] ||
		die "$deb: /boot/vmlinuz-* is not a bzImage"
}

main() {
	local force=0 meta_deb kpkg kdeb
	[ "${1:-}" != --force ] || force=1
	if [ "$force" -eq 0 ] && [ -s "$OUT_DIR/vmlinuz" ] && [ -s "$OUT_DIR/efivarfs.ko" ]; then
		echo "$OUT_DIR/vmlinuz ($(cat "$OUT_DIR/vmlinuz.version" 2>/dev/null || echo unknown))"
		return 0
	fi
	mkdir -p "$OUT_DIR"
	# Global: the EXIT trap runs after main has returned.
	dl=$(mktemp -d "$OUT_DIR/download.XXXXXX")
	trap 'rm -rf "$dl"' EXIT
	ensure_package_lists
	cd "$dl"
	download "$META"
	meta_deb=$(echo "$dl"/"$META"_*.deb)
	kpkg=$(kernel_package_of "$meta_deb")
	echo "fetch-debian-kernel: $META -> $kpkg" >&2
	download "$kpkg"
	kdeb=$(echo "$dl"/"$kpkg"_*.deb)
	extract_vmlinuz "$kdeb" "$dl/vmlinuz"
	extract_efivarfs "$kdeb" "$dl/efivarfs.ko"
	mv "$dl/efivarfs.ko" "$OUT_DIR/efivarfs.ko"
	mv "$dl/vmlinuz" "$OUT_DIR/vmlinuz"
	echo "$kpkg $(dpkg-deb -f "$kdeb" Version)" >"$OUT_DIR/vmlinuz.version"
	echo "$OUT_DIR/vmlinuz ($(cat "$OUT_DIR/vmlinuz.version"))"
}

main "$@"
