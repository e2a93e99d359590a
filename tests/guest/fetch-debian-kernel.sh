#!/bin/bash
# Fetch Debian's current kernel of a flavour and cache it as DIR/vmlinuz
# (its version in DIR/vmlinuz.version), with the one module the guest
# loads, DIR/efivarfs.ko (efivarfs is =m in Debian's config; the module must
# come from the same package). Does nothing when cached.
#   amd64 (the default)  DIR = build/debian; the guest runs the host's busybox
#   686                  DIR = build/debian-686, Debian's i386 kernel without
#                        XLF_KERNEL_64, and DIR/busybox from busybox-static:i386
#                        (an x86-64 busybox cannot run on it); adds the i386
#                        architecture to dpkg when apt does not know it yet
#
# Usage: tests/guest/fetch-debian-kernel.sh [--force] [amd64|686]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Report a fatal error in one line and stop.
die() {
	echo "fetch-debian-kernel: error: $*" >&2
	exit 1
}

# Set FLAVOUR, OUT_DIR, META (the metapackage), ARCH_SUFFIX (apt's
# ":i386" for a foreign architecture) and BUSYBOX_DEB (empty: the host's).
set_flavour() {
	FLAVOUR=$1
	case $FLAVOUR in
	amd64) OUT_DIR=$ROOT/build/debian ARCH_SUFFIX='' BUSYBOX_DEB='' ;;
	686) OUT_DIR=$ROOT/build/debian-686 ARCH_SUFFIX=:i386 BUSYBOX_DEB=busybox-static:i386 ;;
	*) die "unknown flavour $FLAVOUR (amd64 or 686)" ;;
	esac
	META=linux-image-$FLAVOUR$ARCH_SUFFIX
}

# apt-get download needs package lists (and, for i386, the architecture);
# refresh them only when they lack the kernel.
ensure_package_lists() {
	apt-cache show "$META" >/dev/null 2>&1 && return 0
	[ "$(id -u)" -eq 0 ] || die "apt does not know $META; run apt-get update as root"
	if [ -n "$ARCH_SUFFIX" ] && ! dpkg --print-foreign-architectures | grep -qx "${ARCH_SUFFIX#:}"; then
		dpkg --add-architecture "${ARCH_SUFFIX#:}"
	fi
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
		grep -m1 "^linux-image-.*-$FLAVOUR\\(-unsigned\\)\\?\$" ||
		die "no linux-image-*-$FLAVOUR dependency in $1"
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

# Copy the busybox binary out of a busybox-static .deb to $2.
extract_busybox() {
	local deb=$1 out=$2
	dpkg-deb --fsys-tarfile "$deb" | tar -xO ./bin/busybox >"$out"
	[ -s "$out" ] || die "$deb: no /bin/busybox"
	chmod 0755 "$out"
}

# Whether everything of this flavour is cached.
cached() {
	[ -s "$OUT_DIR/vmlinuz" ] && [ -s "$OUT_DIR/efivarfs.ko" ] &&
		{ [ -z "$BUSYBOX_DEB" ] || [ -s "$OUT_DIR/busybox" ]; }
}

main() {
	local force=0 meta_deb kpkg kdeb
	[ "${1:-}" != --force ] || { force=1 && shift; }
	set_flavour "${1:-amd64}"
	if [ "$force" -eq 0 ] && cached; then
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
	meta_deb=$(echo "$dl"/linux-image-"$FLAVOUR"_*.deb)
	kpkg=$(kernel_package_of "$meta_deb")
	echo "fetch-debian-kernel: $META -> $kpkg" >&2
	download "$kpkg$ARCH_SUFFIX"
	kdeb=$(echo "$dl"/"$kpkg"_*.deb)
	if [ -n "$BUSYBOX_DEB" ]; then
		download "$BUSYBOX_DEB"
		extract_busybox "$(echo "$dl"/busybox-static_*.deb)" "$dl/busybox"
		mv "$dl/busybox" "$OUT_DIR/busybox"
	fi
	extract_vmlinuz "$kdeb" "$dl/vmlinuz"
	extract_efivarfs "$kdeb" "$dl/efivarfs.ko"
	mv "$dl/efivarfs.ko" "$OUT_DIR/efivarfs.ko"
	mv "$dl/vmlinuz" "$OUT_DIR/vmlinuz"
	echo "$kpkg $(dpkg-deb -f "$kdeb" Version)" >"$OUT_DIR/vmlinuz.version"
	echo "$OUT_DIR/vmlinuz ($(cat "$OUT_DIR/vmlinuz.version"))"
}

main "$@"
