#!/bin/bash
# The other loaders' files for the benchmark's ESP, from Debian's packages:
# systemd-boot (systemd-boot-efi) with a loader.conf that boots its one
# Boot Loader Specification Type #1 entry at once, and a standalone GRUB
# (grub-efi-amd64-bin, grub-mkstandalone) whose embedded grub.cfg boots the
# same kernel, initrd and command line at once. Each starts from the UEFI
# shell; all boot \boot\vmlinuz with \boot\initrd.img.
#
# Usage: tools/bench/peers.sh DIR CMDLINE
#   Writes the files into DIR and prints one SRC:ESPPATH line per file
#   (guest_boot's --esp-file words). Needs grub-mkstandalone.
set -euo pipefail

SYSTEMD_BOOT=/usr/lib/systemd/boot/efi/systemd-bootx64.efi
# What GRUB needs to find the ESP and boot Linux, preloaded; nothing else
# goes into its memdisk, so the image stays small (the firmware reads all
# of it before GRUB runs).
GRUB_MODULES="normal configfile linux search search_fs_file fat part_gpt efi_gop echo"

die() {
	echo "bench-peers: error: $*" >&2
	exit 1
}

write_systemd_boot() {
	local dir=$1 cmdline=$2
	cat >"$dir/loader.conf" <<'EOF'
timeout 0
default bench.conf
editor no
auto-entries no
auto-firmware no
EOF
	cat >"$dir/bench.conf" <<EOF
title chainload benchmark
linux /boot/vmlinuz
initrd /boot/initrd.img
options $cmdline
EOF
}

write_grub() {
	local dir=$1 cmdline=$2
	cat >"$dir/grub.cfg" <<EOF
set timeout=0
set default=0
search --no-floppy --set=root --file /boot/vmlinuz
menuentry "chainload benchmark" {
	linux /boot/vmlinuz $cmdline
	initrd /boot/initrd.img
	boot
}
EOF
	grub-mkstandalone -O x86_64-efi -o "$dir/grubx64.efi" --modules="$GRUB_MODULES" \
		--install-modules="$GRUB_MODULES" --locales= --themes= --fonts= \
		"boot/grub/grub.cfg=$dir/grub.cfg"
}

main() {
	[ $# -eq 2 ] || die "usage: $0 DIR CMDLINE"
	local dir=$1 cmdline=$2
	[ -f "$SYSTEMD_BOOT" ] || die "$SYSTEMD_BOOT missing (apt-get install systemd-boot-efi)"
	command -v grub-mkstandalone >/dev/null || die "grub-mkstandalone missing (apt-get install grub-efi-amd64-bin)"
	mkdir -p "$dir"
	write_systemd_boot "$dir" "$cmdline"
	write_grub "$dir" "$cmdline"
	printf '%s\n' "$SYSTEMD_BOOT:/EFI/systemd/systemd-bootx64.efi" \
		"$dir/loader.conf:/loader/loader.conf" \
		"$dir/bench.conf:/loader/entries/bench.conf" \
		"$dir/grubx64.efi:/EFI/grub/grubx64.efi"
}

main "$@"
