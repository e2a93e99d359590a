#!/bin/bash
# Debian's own kernel must reach userspace with exactly our command line, our
# initrd bytes and everything a UEFI loader owes Linux (tests/guest/checks:
# framebuffer, ACPI, EFI variables, RNG seed, memory, memory map, Secure
# Boot state), loaded in place and with --force-copy (every page copied by
# the stub, none read in place; the guest's payload SHA-256 says the bytes
# arrived). The guest's /init is tests/guest/init.sh. The first boot has an
# RNG (virtio-rng) and a display told another resolution than its default,
# the second neither, so the seed and mode checks are seen to pass both ways.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# What every boot here is: q35, run-ovmf's 1 GiB and 1 CPU, no Secure Boot.
MACHINE_WORDS="efi=debug log_buf_len=1M chainload.expect_cpus=1 chainload.expect_mem_mib=1024"
MACHINE_WORDS="$MACHINE_WORDS chainload.expect_sb=disabled"

ensure_built
debian_prepare
boot_debian_checked plain "$MACHINE_WORDS chainload.expect_rng=1 chainload.expect_fb=1024x768" \
	--loader-args -v --qemu-arg -device --qemu-arg virtio-rng-pci \
	--qemu-arg -vga --qemu-arg none --qemu-arg -device --qemu-arg VGA,xres=1024,yres=768
expect_eq "guest EFI" "$(guest_value efi)" yes
expect_handoff_matches_machine 1024x768
boot_debian_checked force-copy "$MACHINE_WORDS chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT" \
	--loader-args "--force-copy -v"
expect_all_pages_copied "$DEBIAN_KERNEL" "$SCRATCH/initramfs-force-copy.gz"
expect_eq "guest EFI" "$(guest_value efi)" yes
expect_handoff_matches_machine "$FB_DEFAULT"
finish
