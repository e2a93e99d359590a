#!/bin/bash
# The 32-bit entry on 64-bit firmware (--entry=32): after the copy and its
# verify the stub leaves long mode and enters the kernel's startup_32 in
# protected mode with paging off. A 6 GiB machine, where a kernel that
# allows it would otherwise get its initrd above 4 GiB:
#   testkern  --force-copy too, so the stub moves every page first. The test
#             kernel records the CPU state at its first 32-bit instruction
#             (test-images/entry.S) and judges it: protected mode, paging
#             and long mode off, flat CS 0x10 and DS/ES/SS 0x18, IF clear,
#             %esi = boot_params, %ebx %edi %ebp zero, code32_start where it
#             runs, kernel, zero page, command line and initrd below 4 GiB;
#             then every other check as on the 64-bit entry, and tk.entry=32
#             says which entry it must have been
#   testkern-32only  the test kernel with XLF_KERNEL_64 cleared in its
#             header and no --entry: chainload must choose startup_32 itself,
#             and the test kernel reports that it was entered there
#   debian    Debian's amd64 kernel (which has both entries) reaches
#             userspace with its exact command line and payload, and its own
#             RAMDISK line ends below 4 GiB
#   debian-686  Debian's i386 kernel (686 flavour: no XLF_KERNEL_64), no
#             --entry, on a 2 GiB machine (a non-PAE kernel uses no RAM above
#             4 GiB, so the memory check would fail at 6 GiB for the
#             kernel's own reason): userspace (an i386 busybox) with its exact
#             command line and payload. A 32-bit kernel cannot call 64-bit
#             firmware, so it says "No EFI runtime due to 32/64-bit mismatch"
#             and efivarfs stays empty (expect_efivars=0); it also stops its
#             EFI setup before printing the EFI memory map under efi=debug,
#             so 70-memmap has no map to compare with (expect_efi_map=0)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

MEM=6144
FOUR_GIB=0x100000000

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/initrd.img" $((1024 * 1024 + 3))
boot testkern --timeout 120 --memory "$MEM" --loader-args "--entry=32 --force-copy -v" \
	--kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=$SCENARIO tk.load=$TK_LOAD_RELOC $TK_MACHINE tk.entry=32"
expect_boot_pass
expect_tk_all_ok
expect_line "tk: entry: startup_32 at $TK_LOAD_RELOC"
expect_all_pages_copied "$TESTKERN" "$SCRATCH/initrd.img"

# xloadflags (offset 0x236): XLF_EFI_HANDOVER_32 | XLF_CAN_BE_LOADED_ABOVE_4G,
# as a 32-bit kernel could have it; the 4 GiB flag must not matter either.
cp "$TESTKERN" "$SCRATCH/testkern-32only"
printf '\x06\x00' | dd of="$SCRATCH/testkern-32only" bs=1 seek=$((0x236)) conv=notrunc status=none
boot testkern-32only --timeout 120 --memory "$MEM" --loader-args "-v" \
	--kernel "$SCRATCH/testkern-32only" --initrd "$SCRATCH/initrd.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=$SCENARIO-32only tk.load=$TK_LOAD_RELOC $TK_MACHINE tk.entry=32 \
tk.xloadflags=0x6"
expect_boot_pass
expect_tk_all_ok
expect_line "tk: entry: startup_32 at $TK_LOAD_RELOC"

debian_prepare
boot_debian_checked debian "efi=debug chainload.expect_mem_mib=$MEM chainload.expect_cpus=1 \
chainload.expect_sb=disabled chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT \
chainload.expect_initrd_end_max=$FOUR_GIB" \
	--memory "$MEM" --loader-args "--entry=32 -v"
expect_eq "guest EFI" "$(guest_value efi)" yes

debian_prepare_flavour 686
boot_debian_checked debian-686 "efi=debug chainload.expect_mem_mib=2048 chainload.expect_cpus=1 \
chainload.expect_sb=disabled chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT \
chainload.expect_efivars=0 chainload.expect_efi_map=0 chainload.expect_initrd_end_max=$FOUR_GIB" \
	--memory 2048 --loader-args -v --timeout 150
expect_eq "guest kernel" "$(guest_value kernel)" "$(sed 's/^linux-image-\([^ ]*\) .*/\1/' "$DEBIAN_DIR/vmlinuz.version")"
expect "the kernel is a 32-bit one (uname -m)" log_has '^GUEST: machine=i686$'
expect "the kernel found 64-bit firmware it cannot call" \
	log_has 'efi: No EFI runtime due to 32/64-bit mismatch with kernel'
expect_eq "guest EFI" "$(guest_value efi)" yes
finish
