#!/bin/bash
# Install the Debian packages chainload's build and tests need, only those
# missing. Idempotent; a fast no-op when everything is present.
#
# Usage: tools/install-deps.sh [EXTRA-PACKAGE ...]
set -euo pipefail

# What a fresh Debian 12 lacks for: the EFI build (gcc, binutils, gnu-efi;
# gcc-multilib for chainload-ia32.efi's 32-bit headers and libgcc),
# host tests (cmocka), the fuzzers (clang, its sanitizer and libFuzzer
# runtimes, llvm-symbolizer from llvm), lint (clang-tidy, cppcheck,
# and for the scripts shellcheck), coverage (gcovr), the QEMU runs (qemu,
# OVMF for x64 and ia32), the ESP image (mtools, sfdisk from fdisk), the Debian-kernel guest
# (busybox-static, cpio, gzip) and the Secure Boot and measured-boot runs
# (sbsigntool and openssl to sign, shim-unsigned for a shim to sign, swtpm
# for a TPM, python3 to read its log), and systemd for systemd-analyze,
# whose compare-versions the host test of bootctl's version order checks
# against (a minimal Debian image has no systemd) and kernel-install, and
# systemd-boot for bootctl, whose `list` the kernel-install scenario holds
# chainload's menu order against (its postinst leaves a machine whose ESP
# is not mounted alone).
PACKAGES=(
	build-essential
	gcc-multilib
	gnu-efi
	clang
	libclang-rt-14-dev
	llvm
	clang-tidy
	cppcheck
	shellcheck
	gcovr
	libcmocka-dev
	qemu-system-x86
	ovmf
	ovmf-ia32
	mtools
	fdisk
	busybox-static
	cpio
	gzip
	sbsigntool
	openssl
	shim-unsigned
	swtpm
	swtpm-tools
	python3
	systemd
	systemd-boot
)

# Print the packages among "$@" that dpkg does not report as installed.
missing_packages() {
	local pkg status
	for pkg in "$@"; do
		# "known but not installed" packages also answer -W, so ask for the state.
		status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
		[ "$status" = installed ] || echo "$pkg"
	done
}

# Install the given packages non-interactively, refreshing the lists first.
install_packages() {
	export DEBIAN_FRONTEND=noninteractive
	echo "install-deps: installing: $*" >&2
	apt-get update -q
	apt-get install -y -q --no-install-recommends "$@"
}

main() {
	local missing
	mapfile -t missing < <(missing_packages "${PACKAGES[@]}" "$@")
	[ "${#missing[@]}" -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps: error: missing packages: ${missing[*]}" >&2
		echo "install-deps: run as root: sudo $0 $*" >&2
		exit 1
	fi
	install_packages "${missing[@]}"
	# Fail loudly if apt "succeeded" without installing something.
	mapfile -t missing < <(missing_packages "${missing[@]}")
	if [ "${#missing[@]}" -ne 0 ]; then
		echo "install-deps: error: still missing after apt-get: ${missing[*]}" >&2
		exit 1
	fi
}

main "$@"
